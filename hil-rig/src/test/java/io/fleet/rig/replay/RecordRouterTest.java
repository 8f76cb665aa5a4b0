package io.fleet.rig.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.bus.UdpDatagram;
import io.fleet.rig.output.BusOutput;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordRouterTest {

    private static final CanFrame CAN_ON_2 = CanFrame.classic(0, 2, 0x100, false, new byte[0]);
    private static final UdpDatagram UDP_ON_1 = new UdpDatagram(0, 1, Direction.RX,
            InetAddress.getLoopbackAddress(), 1, InetAddress.getLoopbackAddress(), 2, UdpDatagram.NO_VLAN,
            new byte[0]);

    private final List<BusOutput> outputs = List.of(new KindOutput("can", CanFrame.class),
            new KindOutput("eth", UdpDatagram.class));

    @Test
    void withoutAMapEveryRecordGoesToTheFirstOutputOfItsKind() {
        RecordRouter router = new RecordRouter(outputs, ChannelMap.DEFAULT);

        assertThat(router.route(CAN_ON_2)).isZero();
        assertThat(router.route(UDP_ON_1)).isEqualTo(1);
    }

    @Test
    void withAMapUnmappedChannelsAndKindMismatchesGoNowhere() {
        RecordRouter router = new RecordRouter(outputs, new ChannelMap(Map.of(1, "can")));

        assertThat(router.route(CAN_ON_2)).isEqualTo(-1); // channel 2 not mapped
        assertThat(router.route(UDP_ON_1)).isEqualTo(-1); // mapped to a CAN output
        assertThat(router.route(CanFrame.classic(0, 1, 0x1, false, new byte[0]))).isZero();
    }

    /** Accepts one record type only, like the cannelloni and UDP outputs. */
    private record KindOutput(String name, Class<? extends BusRecord> kind) implements BusOutput {
        @Override
        public boolean accepts(BusRecord record) {
            return kind.isInstance(record);
        }

        @Override
        public void send(BusRecord record) {
        }

        @Override
        public void close() {
        }
    }
}
