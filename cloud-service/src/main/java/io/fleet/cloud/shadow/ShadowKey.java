package io.fleet.cloud.shadow;

/** Storage key of one shadow; {@code shadowName} is empty for the classic (unnamed) shadow. */
public record ShadowKey(String thingName, String shadowName) implements Comparable<ShadowKey> {

    public static final String CLASSIC = "";

    @Override
    public int compareTo(ShadowKey o) {
        int c = thingName.compareTo(o.thingName);
        return c != 0 ? c : shadowName.compareTo(o.shadowName);
    }
}
