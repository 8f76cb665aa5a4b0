package io.fleet.model.can.dbc;

import io.fleet.model.Checks;
import io.fleet.model.bus.CanFrame;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed DBC file: nodes, messages with their signals, shared value tables, network attributes and the
 * warnings the parser had about parts it skipped. Immutable and safe to share between threads; built by
 * {@link DbcParser}.
 */
public final class DbcDatabase {

    /**
     * Vector tools park signals that belong to no message in a pseudo-message with this DBC id (extended flag plus
     * bit 30). It is kept in {@link #messages()} but never matches a frame.
     */
    public static final long INDEPENDENT_SIGNALS_DBC_ID = 0xC000_0000L;

    private final String source;
    private final String version;
    private final List<String> nodes;
    private final List<DbcMessage> messages;
    private final Map<String, ValueTable> valueTables;
    private final String comment;
    private final Map<String, String> attributes;
    private final List<String> warnings;
    private final Map<Long, DbcMessage> messagesByKey;
    private final Map<String, DbcMessage> messagesByName;

    DbcDatabase(String source, String version, List<String> nodes, List<DbcMessage> messages,
                Map<String, ValueTable> valueTables, String comment, Map<String, String> attributes,
                List<String> warnings, List<DbcMessage> independentSignalMessages) {
        this.source = Checks.notNull(source, "source");
        this.version = Checks.notNull(version, "version");
        this.nodes = List.copyOf(nodes);
        this.messages = List.copyOf(messages);
        this.valueTables = Map.copyOf(valueTables);
        this.comment = Checks.notNull(comment, "comment");
        this.attributes = Map.copyOf(attributes);
        this.warnings = List.copyOf(warnings);
        Map<Long, DbcMessage> byKey = new HashMap<>();
        Map<String, DbcMessage> byName = new HashMap<>();
        for (DbcMessage message : this.messages) {
            byName.putIfAbsent(message.name(), message);
            if (!independentSignalMessages.contains(message)) {
                byKey.putIfAbsent(key(message.id(), message.isExtended()), message);
            }
        }
        this.messagesByKey = Map.copyOf(byKey);
        this.messagesByName = Map.copyOf(byName);
    }

    /** The file name or other source name given to the parser; used in messages. */
    public String source() {
        return source;
    }

    /** {@code VERSION} string, often empty. */
    public String version() {
        return version;
    }

    /** {@code BU_} node names. */
    public List<String> nodes() {
        return nodes;
    }

    /** Messages in file order. */
    public List<DbcMessage> messages() {
        return messages;
    }

    /** The message for a frame id; the first one in file order if the file repeats an id. */
    public Optional<DbcMessage> message(int id, boolean extended) {
        return Optional.ofNullable(messagesByKey.get(key(id, extended)));
    }

    /** The message a received frame carries, if the database knows its id. */
    public Optional<DbcMessage> message(CanFrame frame) {
        return frame.remote() ? Optional.empty() : message(frame.id(), frame.extended());
    }

    public Optional<DbcMessage> message(String name) {
        return Optional.ofNullable(messagesByName.get(name));
    }

    /** Shared {@code VAL_TABLE_} tables by name. */
    public Map<String, ValueTable> valueTables() {
        return valueTables;
    }

    /** Network comment ({@code CM_ "..."}), or "". */
    public String comment() {
        return comment;
    }

    /** Network-level {@code BA_} values with {@code BA_DEF_DEF_} defaults; enum values as their text. */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** {@code BusType}, e.g. "CAN" or "CAN FD", when the file gives a non-empty one. */
    public Optional<String> busType() {
        String busType = attributes.get("BusType");
        return busType == null || busType.isEmpty() ? Optional.empty() : Optional.of(busType);
    }

    /**
     * What the parser skipped or could not attach, each as {@code "source:line: text"}: unknown keywords, comments
     * or values for messages that do not exist, duplicate names. Empty for a clean file.
     */
    public List<String> warnings() {
        return warnings;
    }

    private static long key(int id, boolean extended) {
        return extended ? id | (1L << 32) : id;
    }

    @Override
    public String toString() {
        return "DbcDatabase[" + source + ": " + messages.size() + " messages, " + warnings.size() + " warnings]";
    }
}
