package io.fleet.model.can.dbc;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The unmodifiable map {@link DbcMessage#decode} returns: an array of the decoded values indexed like the message's
 * decoder, so a decode allocates one array and one {@link SignalValue} per signal instead of a hash map's entries.
 * Iterates in decode order (multiplexor first, then file order).
 */
final class DecodedSignals extends AbstractMap<String, SignalValue> {

    private final MessageDecoder decoder;
    /** Null where a signal is absent (other multiplexer page, or beyond a truncated payload). */
    private final SignalValue[] values;
    private final int size;

    DecodedSignals(MessageDecoder decoder, SignalValue[] values, int size) {
        this.decoder = decoder;
        this.values = values;
        this.size = size;
    }

    @Override
    public SignalValue get(Object key) {
        int index = key instanceof String name ? decoder.indexOf(name) : -1;
        return index < 0 ? null : values[index];
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, SignalValue>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, SignalValue>> iterator() {
                return new Iterator<>() {
                    private int next = advance(0);

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, SignalValue> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        SignalValue value = values[next];
                        next = advance(next + 1);
                        return Map.entry(value.name(), value);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private int advance(int from) {
        int index = from;
        while (index < values.length && values[index] == null) {
            index++;
        }
        return index;
    }
}
