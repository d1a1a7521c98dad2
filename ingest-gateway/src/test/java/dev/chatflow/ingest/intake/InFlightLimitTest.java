package dev.chatflow.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class InFlightLimitTest {

    @Test
    void grantsUpToTheCapacityThenQueuesInOrder() {
        InFlightLimit limit = new InFlightLimit(2);
        assertThat(limit.acquire()).isCompleted();
        assertThat(limit.acquire()).isCompleted();
        CompletableFuture<Void> third = limit.acquire();
        CompletableFuture<Void> fourth = limit.acquire();
        assertThat(third).isNotDone();

        limit.release();
        assertThat(third).isCompleted();
        assertThat(fourth).isNotDone();
        assertThat(limit.inFlight()).isEqualTo(2);
    }

    @Test
    void aWaiterThatGaveUpDoesNotSwallowThePermit() {
        InFlightLimit limit = new InFlightLimit(1);
        limit.acquire();
        CompletableFuture<Void> gaveUp = limit.acquire();
        CompletableFuture<Void> patient = limit.acquire();
        gaveUp.completeExceptionally(new TimeoutException());

        limit.release();

        assertThat(patient).isCompleted();
        limit.release();
        assertThat(limit.inFlight()).isZero();
    }
}
