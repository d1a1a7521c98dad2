package dev.chatflow.bench.run;

import java.util.BitSet;

/**
 * What one socket received of one channel, checked as it arrives: each message once (a second copy is a
 * duplicate), seqs rising by one (a jump is a gap of that many, a step back that is not a duplicate is
 * out of order). Losses are counted at the end against what was accepted for the channel.
 */
public final class DeliveryLedger {

    private final BitSet seen = new BitSet();
    private long lastSeq;
    private long delivered;
    private long duplicates;
    private long gaps;
    private long outOfOrder;

    /** @param startSeq the last seq before this ledger's first expected message ({@code subscribed.lastSeq}) */
    public DeliveryLedger(long startSeq) {
        this.lastSeq = startSeq;
    }

    /**
     * Records a received message.
     *
     * @param seq   its seq in the channel
     * @param index the bench message index it carries, or -1 for a message that is not this run's
     */
    public synchronized void received(long seq, int index) {
        delivered++;
        if (index >= 0) {
            if (seen.get(index)) {
                duplicates++;
                return;
            }
            seen.set(index);
        }
        if (seq > lastSeq + 1) {
            gaps += seq - lastSeq - 1;
        } else if (seq <= lastSeq) {
            outOfOrder++;
            return;
        }
        lastSeq = seq;
    }

    /** How many of {@code expected} (indices accepted for this channel) never arrived. */
    public synchronized long losses(BitSet expected) {
        BitSet missing = (BitSet) expected.clone();
        missing.andNot(seen);
        return missing.cardinality();
    }

    public synchronized boolean hasAll(BitSet expected) {
        return losses(expected) == 0;
    }

    public synchronized long lastSeq() {
        return lastSeq;
    }

    public synchronized long delivered() {
        return delivered;
    }

    public synchronized long duplicates() {
        return duplicates;
    }

    public synchronized long gaps() {
        return gaps;
    }

    public synchronized long outOfOrder() {
        return outOfOrder;
    }
}
