package dev.chatflow.ingest;

import dev.chatflow.kit.config.Config;
import org.slf4j.LoggerFactory;

/** Starts the ingest gateway with the configuration of {@link IngestSettings}; stops it on shutdown. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        try {
            Config config = Config.load(IngestSettings.all());
            IngestGateway gateway = IngestGateway.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "ingest-gateway-shutdown"));
        } catch (RuntimeException | Error e) {
            LoggerFactory.getLogger(Main.class).error("the ingest gateway did not start: {}", e.getMessage(), e);
            System.exit(1);
        }
    }
}
