package io.fleet.cloud.db;

import io.fleet.cloud.config.CloudConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one embedded PostgreSQL (with the service's migrations) for the whole test run and hands the
 * {@link Database} to tests that ask for it as a parameter. It is stopped when the run ends.
 */
public final class EmbeddedDatabaseExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Database.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Started.class, k -> Started.start(), Started.class).database;
    }

    private static final class Started implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final Database database;

        private Started(Database database) {
            this.database = database;
        }

        static Started start() {
            try {
                Path dir = Files.createTempDirectory("fleet-db-test");
                return new Started(Database.start(CloudConfig.defaults().database(), dir));
            } catch (IOException e) {
                throw new IllegalStateException("embedded PostgreSQL did not start", e);
            }
        }

        @Override
        public void close() {
            database.close();
        }
    }
}
