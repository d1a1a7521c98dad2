package dev.chatflow.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

    private static BitSet indices(int... values) {
        BitSet set = new BitSet();
        for (int v : values) {
            set.set(v);
        }
        return set;
    }

    @Test
    void inOrderDeliveryOfEverythingIsClean() {
        DeliveryLedger ledger = new DeliveryLedger(41);
        ledger.received(42, 0);
        ledger.received(43, 1);
        ledger.received(44, 2);
        assertThat(ledger.duplicates()).isZero();
        assertThat(ledger.gaps()).isZero();
        assertThat(ledger.outOfOrder()).isZero();
        assertThat(ledger.losses(indices(0, 1, 2))).isZero();
        assertThat(ledger.lastSeq()).isEqualTo(44);
    }

    @Test
    void theSameMessageTwiceIsADuplicate() {
        DeliveryLedger ledger = new DeliveryLedger(0);
        ledger.received(1, 0);
        ledger.received(1, 0);
        ledger.received(2, 1);
        assertThat(ledger.duplicates()).isEqualTo(1);
        assertThat(ledger.gaps()).isZero();
        assertThat(ledger.delivered()).isEqualTo(3);
    }

    @Test
    void aSkippedSeqIsAGapAndItsMessageALoss() {
        DeliveryLedger ledger = new DeliveryLedger(0);
        ledger.received(1, 0);
        ledger.received(3, 2);
        assertThat(ledger.gaps()).isEqualTo(1);
        assertThat(ledger.losses(indices(0, 1, 2))).isEqualTo(1);
        assertThat(ledger.hasAll(indices(0, 1, 2))).isFalse();
    }

    @Test
    void foreignMessagesKeepTheSeqContinuous() {
        DeliveryLedger ledger = new DeliveryLedger(10);
        ledger.received(11, -1);
        ledger.received(12, 0);
        assertThat(ledger.gaps()).isZero();
        assertThat(ledger.losses(indices(0))).isZero();
    }

    @Test
    void aStepBackThatIsNoDuplicateIsOutOfOrder() {
        DeliveryLedger ledger = new DeliveryLedger(0);
        ledger.received(2, 1);
        ledger.received(1, 0);
        assertThat(ledger.outOfOrder()).isEqualTo(1);
        assertThat(ledger.gaps()).isEqualTo(1);
    }
}
