package dev.chatflow.delivery.sockets;

import java.time.Duration;

/**
 * Limits of the delivery sockets.
 *
 * @param queueMaxFrames  frames waiting to be sent before a client counts as too slow
 * @param queueMaxBytes   bytes waiting to be sent before a client counts as too slow
 * @param maxFrameBytes   largest frame a client may send
 * @param authTimeout     time to authenticate after connecting
 * @param pingInterval    how often sockets are pinged and checked for idleness
 * @param idleTimeout     silence after which a socket counts as dead
 * @param closeGrace      time a client has to answer a close before its connection is dropped
 */
public record SocketOptions(int queueMaxFrames, long queueMaxBytes, int maxFrameBytes, Duration authTimeout,
                            Duration pingInterval, Duration idleTimeout, Duration closeGrace) {
}
