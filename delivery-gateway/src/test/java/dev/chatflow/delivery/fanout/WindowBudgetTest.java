package dev.chatflow.delivery.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowBudgetTest {

    private static long add(WindowBudget budget, ChannelState channel, long seq, int bytes) {
        long delta;
        synchronized (channel) {
            delta = channel.window.append(seq, new byte[bytes]);
            channel.lastSeq = seq;
        }
        budget.grew(channel, delta);
        return delta;
    }

    @Test
    void overTheBudgetTheLeastRecentlyActiveChannelsLoseTheirWindowsFirst() {
        WindowBudget budget = new WindowBudget(1000);
        ChannelState a = new ChannelState("a", 100);
        ChannelState b = new ChannelState("b", 100);
        ChannelState c = new ChannelState("c", 100);
        add(budget, a, 1, 300);
        add(budget, b, 1, 300);
        add(budget, c, 1, 300);
        add(budget, b, 2, 300); // b is now the most recent; a the least

        assertThat(a.window.isEmpty()).isTrue();
        assertThat(b.window.coversFrom(1)).isTrue();
        assertThat(c.window.isEmpty()).isFalse();
        assertThat(budget.bytes()).isEqualTo(900);
        assertThat(a.lastSeq).as("the channel still knows its newest seq").isEqualTo(1);
    }

    @Test
    void theChannelBeingAppendedToIsNeverItsOwnVictim() {
        WindowBudget budget = new WindowBudget(500);
        ChannelState big = new ChannelState("big", 100);
        add(budget, big, 1, 400);
        add(budget, big, 2, 400);
        assertThat(big.window.coversFrom(1)).isTrue();
    }
}
