package io.fleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The agent's logback.xml keeps the AWS SDK, CRT and Netty quiet, even when the root level is turned up. */
class LoggingConfigurationTest {

    @Test
    void libraryDebugStaysOffWhenTheRootLevelIsDebug() throws Exception {
        LoggerContext context = new LoggerContext();
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(Path.of("src/main/resources/logback.xml").toFile());
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.DEBUG);

            for (String library : new String[] {"software.amazon.awssdk.request", "software.amazon.awssdk.crt.mqtt",
                    "software.amazon.awssdk.auth.signer", "io.netty.handler.ssl"}) {
                assertThat(context.getLogger(library).isDebugEnabled()).as(library).isFalse();
                assertThat(context.getLogger(library).isWarnEnabled()).as(library).isTrue();
            }
            assertThat(context.getLogger("io.fleet.agent.sync").isInfoEnabled()).isTrue();
        } finally {
            context.stop();
        }
    }
}
