package io.fleet.cloud.shadow;

/** The three shadow requests AWS IoT knows, named as in the topic suffix. */
public enum ShadowOperation {
    GET("get"),
    UPDATE("update"),
    DELETE("delete");

    private final String topicSuffix;

    ShadowOperation(String topicSuffix) {
        this.topicSuffix = topicSuffix;
    }

    public String topicSuffix() {
        return topicSuffix;
    }

    public static ShadowOperation fromTopicSuffix(String suffix) {
        for (ShadowOperation op : values()) {
            if (op.topicSuffix.equals(suffix)) {
                return op;
            }
        }
        return null;
    }
}
