package dev.chatflow.delivery;

import dev.chatflow.kit.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the delivery gateway: reads the configuration, starts the gateway, stops it on shutdown. */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        Config config = Config.load(DeliverySettings.all());
        DeliveryGateway gateway;
        try {
            gateway = DeliveryGateway.start(config);
        } catch (RuntimeException e) {
            log.error("the delivery gateway could not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "delivery-gateway-shutdown"));
    }
}
