package io.fleet.model.can.dbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects what {@link DbcParser} reads. A DBC file describes a signal in pieces scattered over the file
 * ({@code SG_} line, then {@code CM_}, {@code VAL_}, {@code BA_}, {@code SIG_VALTYPE_} much later), so drafts stay
 * mutable until the end, when {@link #build()} turns them into the immutable model in one pass.
 */
final class DbcModelBuilder {

    static final class MessageDraft {
        final long dbcId;
        final String name;
        final int length;
        final String sender;
        final int line;
        final Map<String, SignalDraft> signals = new LinkedHashMap<>();
        final Map<String, String> attributes = new LinkedHashMap<>();
        String comment = "";

        MessageDraft(long dbcId, String name, int length, String sender, int line) {
            this.dbcId = dbcId;
            this.name = name;
            this.length = length;
            this.sender = sender;
            this.line = line;
        }

        boolean isIndependentSignals() {
            return dbcId == DbcDatabase.INDEPENDENT_SIGNALS_DBC_ID;
        }
    }

    static final class SignalDraft {
        String name;
        int line;
        int startBit;
        int length;
        SignalByteOrder byteOrder;
        SignalEncoding encoding;
        double factor;
        double offset;
        double minimum;
        double maximum;
        String unit;
        List<String> receivers;
        boolean multiplexor;
        int multiplexerValue = -1;
        String comment = "";
        ValueTable valueTable = ValueTable.EMPTY;
        final Map<String, String> attributes = new LinkedHashMap<>();
    }

    /** {@code BA_DEF_}: scope is "" (network), "BU_", "BO_", "SG_" or "EV_". */
    record AttributeDefinition(String scope, String name, String type, List<String> enumValues) {

        /** Enum attributes are stored by index in {@code BA_}; keep their text instead. */
        String resolve(String value) {
            if (!type.equals("ENUM")) {
                return value;
            }
            try {
                int index = (int) Double.parseDouble(value);
                return index >= 0 && index < enumValues.size() ? enumValues.get(index) : value;
            } catch (NumberFormatException e) {
                return value;
            }
        }
    }

    private final String source;
    String version = "";
    String networkComment = "";
    final List<String> nodes = new ArrayList<>();
    final Map<String, ValueTable> valueTables = new LinkedHashMap<>();
    final Map<String, String> networkAttributes = new LinkedHashMap<>();
    private final Map<Long, MessageDraft> messages = new LinkedHashMap<>();
    private final Map<String, AttributeDefinition> attributeDefinitions = new LinkedHashMap<>();
    private final Map<String, String> attributeDefaults = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    DbcModelBuilder(String source) {
        this.source = source;
    }

    void warn(int line, String text) {
        warnings.add(source + ":" + line + ": " + text);
    }

    /** Registers a message; a repeated id is reported and the returned draft is not kept. */
    MessageDraft addMessage(MessageDraft message) {
        if (messages.putIfAbsent(message.dbcId, message) != null) {
            warn(message.line, "BO_ " + message.dbcId + " " + message.name + " repeats a message id; ignored");
        }
        return message;
    }

    void addSignal(MessageDraft message, SignalDraft signal) {
        if (message.signals.putIfAbsent(signal.name, signal) != null) {
            warn(signal.line, "SG_ " + signal.name + " repeats a signal name in " + message.name + "; ignored");
        }
    }

    MessageDraft message(long dbcId, int line, String statement) {
        MessageDraft message = messages.get(dbcId);
        if (message == null) {
            warn(line, statement + " refers to unknown message " + dbcId + "; ignored");
        }
        return message;
    }

    SignalDraft signal(long dbcId, String signalName, int line, String statement) {
        MessageDraft message = message(dbcId, line, statement);
        SignalDraft signal = message == null ? null : message.signals.get(signalName);
        if (message != null && signal == null) {
            warn(line, statement + " refers to unknown signal " + signalName + " of " + message.name + "; ignored");
        }
        return signal;
    }

    void defineAttribute(AttributeDefinition definition) {
        attributeDefinitions.put(definition.name(), definition);
    }

    void defaultAttribute(String name, String value) {
        attributeDefaults.put(name, value);
    }

    /** The value to store for {@code BA_ name ... value}: enum indices become their text. */
    String attributeValue(String name, String value) {
        AttributeDefinition definition = attributeDefinitions.get(name);
        return definition == null ? value : definition.resolve(value);
    }

    DbcDatabase build() throws DbcFormatException {
        List<DbcMessage> built = new ArrayList<>();
        List<DbcMessage> independent = new ArrayList<>();
        for (MessageDraft draft : messages.values()) {
            DbcMessage message = buildMessage(draft);
            built.add(message);
            if (draft.isIndependentSignals()) {
                independent.add(message);
            }
        }
        return new DbcDatabase(source, version, nodes, built, valueTables, networkComment,
                withDefaults("", networkAttributes), warnings, independent);
    }

    private DbcMessage buildMessage(MessageDraft draft) throws DbcFormatException {
        List<DbcSignal> signals = new ArrayList<>();
        boolean hasMultiplexor = draft.signals.values().stream().anyMatch(s -> s.multiplexor);
        for (SignalDraft s : draft.signals.values()) {
            if (s.multiplexerValue >= 0 && !hasMultiplexor) {
                warn(s.line, "SG_ " + s.name + " is multiplexed but " + draft.name + " has no multiplexor (M);"
                        + " decoded in every frame");
            }
            try {
                SignalCodec codec = new SignalCodec(s.startBit, s.length, s.byteOrder, s.encoding);
                if (codec.requiredBytes() > draft.length && !draft.isIndependentSignals()) {
                    warn(s.line, "SG_ " + s.name + " needs " + codec.requiredBytes() + " bytes but " + draft.name
                            + " has " + draft.length);
                }
                signals.add(new DbcSignal(s.name, codec, s.encoding, s.factor, s.offset, s.minimum, s.maximum, s.unit,
                        s.receivers, s.multiplexor, s.multiplexerValue, s.comment, s.valueTable,
                        withDefaults("SG_", s.attributes)));
            } catch (IllegalArgumentException e) {
                throw new DbcFormatException(source, s.line, 0, "SG_ " + s.name + ": " + e.getMessage());
            }
        }
        boolean extended = (draft.dbcId & 0x8000_0000L) != 0;
        int id = (int) (draft.dbcId & 0x1FFF_FFFFL);
        try {
            return new DbcMessage(id, extended, draft.name, draft.length, draft.sender, signals, draft.comment,
                    withDefaults("BO_", draft.attributes));
        } catch (IllegalArgumentException e) {
            throw new DbcFormatException(source, draft.line, 0, "BO_ " + draft.name + ": " + e.getMessage());
        }
    }

    private Map<String, String> withDefaults(String scope, Map<String, String> explicit) {
        Map<String, String> values = new LinkedHashMap<>();
        attributeDefinitions.values().stream()
                .filter(d -> d.scope().equals(scope) && attributeDefaults.containsKey(d.name()))
                .forEach(d -> values.put(d.name(), d.resolve(attributeDefaults.get(d.name()))));
        values.putAll(explicit);
        return values;
    }
}
