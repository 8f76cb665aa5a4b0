package io.fleet.rig.output;

import io.fleet.model.bus.BusRecord;
import io.fleet.rig.replay.ReplayClock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * An in-memory output for tests and dry runs: remembers every record with the clock time it was sent, and can play
 * a device under test through a responder whose answers are delivered to the receive handler at once, on the
 * sender thread.
 */
public final class LoopbackOutput implements BusOutput {

    /** A record as this output saw it. */
    public record Sent(BusRecord record, long sentAtNanos) {
    }

    private final String name;
    private final List<Sent> sent = new ArrayList<>();
    private volatile Function<BusRecord, List<BusRecord>> responder = record -> List.of();
    private volatile ReceiveHandler handler;
    private volatile ReplayClock clock = ReplayClock.system();
    private volatile IOExceptionTrigger failWhen = record -> false;

    public LoopbackOutput(String name) {
        this.name = name;
    }

    /** Lets {@code send} fail for chosen records, to test drop counting. */
    @FunctionalInterface
    public interface IOExceptionTrigger {
        boolean shouldFail(BusRecord record);
    }

    public LoopbackOutput respondingWith(Function<BusRecord, List<BusRecord>> newResponder) {
        this.responder = newResponder;
        return this;
    }

    public LoopbackOutput failingWhen(IOExceptionTrigger trigger) {
        this.failWhen = trigger;
        return this;
    }

    /** Uses {@code stampClock} for send times even before receiving starts. */
    public LoopbackOutput stampedBy(ReplayClock stampClock) {
        this.clock = stampClock;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean accepts(BusRecord record) {
        return true;
    }

    @Override
    public void send(BusRecord record) throws IOException {
        if (failWhen.shouldFail(record)) {
            throw new IOException("loopback " + name + ": simulated send failure");
        }
        long now = clock.nanoTime();
        synchronized (sent) {
            sent.add(new Sent(record, now));
        }
        ReceiveHandler receiver = handler;
        if (receiver != null) {
            for (BusRecord response : responder.apply(record)) {
                receiver.onReceive(name, response, clock.nanoTime());
            }
        }
    }

    public List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    @Override
    public boolean canReceive() {
        return true;
    }

    @Override
    public void startReceiving(ReceiveHandler receiveHandler, ReplayClock stampClock, ThreadFactory threads) {
        this.clock = stampClock;
        this.handler = receiveHandler;
    }

    @Override
    public void close() {
        handler = null;
    }

    @Override
    public String toString() {
        return "loopback://" + name + " (" + new ArrayList<>(sent()).size() + " sent)";
    }
}
