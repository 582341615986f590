package org.tributary.command.routing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Uploads wait while routing here is behind by the limit, and go ahead as it catches up or after the longest wait. */
class UploadBackPressureTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicBoolean routingHere = new AtomicBoolean(true);
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        clients.shutdownNow();
    }

    private UploadBackPressure limit(int limit, Duration maxWait) {
        return new UploadBackPressure(limit, maxWait, routingHere::get, registry);
    }

    private CompletableFuture<Void> upload(UploadBackPressure pressure) {
        return CompletableFuture.runAsync(pressure::admit, clients);
    }

    /** An upload that must wait, started once the one before it is in line, so that its place in line is known. */
    private CompletableFuture<Void> inLine(UploadBackPressure pressure) {
        int ahead = pressure.waitingUploads();
        CompletableFuture<Void> upload = upload(pressure);
        await().atMost(Duration.ofSeconds(5)).until(() -> pressure.waitingUploads() == ahead + 1);
        return upload;
    }

    @Test
    void uploadsBelowTheLimitGoAheadAtOnce() {
        UploadBackPressure pressure = limit(2, Duration.ofMinutes(1));

        pressure.admit();
        pressure.admit();

        assertThat(pressure.unrouted()).isEqualTo(2);
        assertThat(registry.get("tributary.uploads.unrouted").gauge().value()).isEqualTo(2);
    }

    @Test
    void anUploadAtTheLimitWaitsUntilRoutingTakesOne() {
        UploadBackPressure pressure = limit(2, Duration.ofMinutes(1));
        pressure.admit();
        pressure.admit();

        CompletableFuture<Void> third = upload(pressure);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !third.isDone());
        pressure.routed(1);

        await().atMost(Duration.ofSeconds(5)).until(third::isDone);
        assertThat(pressure.unrouted()).isEqualTo(2);
        assertThat(registry.get("tributary.uploads.routing.wait").timer().count()).isEqualTo(1);
    }

    @Test
    void waitingUploadsGoAheadInTheOrderTheyCame() {
        UploadBackPressure pressure = limit(1, Duration.ofMinutes(1));
        pressure.admit();
        List<CompletableFuture<Void>> inLine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inLine.add(inLine(pressure));
        }

        for (int i = 0; i < inLine.size(); i++) {
            pressure.routed(1);
            await().atMost(Duration.ofSeconds(5)).until(inLine.get(i)::isDone);
            assertThat(inLine.subList(i + 1, inLine.size())).as("after %d places freed", i + 1)
                    .noneMatch(CompletableFuture::isDone);
        }
    }

    @Test
    void aBatchThatRoutedSeveralUploadsLetsAsManyWaitingGoAhead() {
        UploadBackPressure pressure = limit(3, Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            pressure.admit();
        }
        CompletableFuture<Void> first = inLine(pressure);
        CompletableFuture<Void> second = inLine(pressure);
        CompletableFuture<Void> third = inLine(pressure);

        pressure.routed(2);

        await().atMost(Duration.ofSeconds(5)).until(() -> first.isDone() && second.isDone());
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !third.isDone());
        assertThat(pressure.unrouted()).isEqualTo(3);
    }

    @Test
    void uploadsRoutedInABatchAreUncountedTogetherWhenItCommits() {
        UploadBackPressure pressure = limit(5, Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            pressure.admit();
        }
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);

        pressure.routedWith(batch);
        pressure.routedWith(batch);
        assertThat(pressure.unrouted()).as("before the batch commits").isEqualTo(3);
        batch.commit();

        assertThat(pressure.unrouted()).isEqualTo(1);
    }

    @Test
    void uploadsOfABatchRolledBackStayCounted() {
        UploadBackPressure pressure = limit(5, Duration.ofMinutes(1));
        pressure.admit();
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);

        pressure.routedWith(batch);
        batch.rollback();

        assertThat(pressure.unrouted()).isEqualTo(1);
    }

    @Test
    void aWaitingUploadGoesAheadAfterTheLongestWait() {
        UploadBackPressure pressure = limit(1, Duration.ofMillis(300));
        pressure.admit();

        CompletableFuture<Void> second = upload(pressure);

        await().atMost(Duration.ofSeconds(5)).until(second::isDone);
        assertThat(pressure.unrouted()).isEqualTo(2);
    }

    @Test
    void withRoutingElsewhereNoUploadWaits() {
        UploadBackPressure pressure = limit(1, Duration.ofMinutes(1));
        routingHere.set(false);
        pressure.admit();

        CompletableFuture<Void> second = upload(pressure);

        await().atMost(Duration.ofSeconds(5)).until(second::isDone);
        assertThat(registry.get("tributary.uploads.routing.wait").timer().count()).isZero();
    }

    @Test
    void uploadsWhileRoutingWasElsewhereAreNotCountedWhenItComesHere() {
        UploadBackPressure pressure = limit(1, Duration.ofMinutes(1));
        routingHere.set(false);
        pressure.admit();
        pressure.admit();
        routingHere.set(true);

        CompletableFuture<Void> next = upload(pressure);

        await().atMost(Duration.ofSeconds(5)).until(next::isDone);
        assertThat(pressure.unrouted()).isEqualTo(1);
    }

    @Test
    void aRefusedUploadGivesItsPlaceBack() {
        UploadBackPressure pressure = limit(1, Duration.ofMinutes(1));
        pressure.admit();
        CompletableFuture<Void> second = upload(pressure);

        pressure.refused();

        await().atMost(Duration.ofSeconds(5)).until(second::isDone);
        assertThat(pressure.unrouted()).isEqualTo(1);
    }

    @Test
    void packagesRoutedThatThisServiceDidNotCountLeaveTheCountAtZero() {
        UploadBackPressure pressure = limit(1, Duration.ofMinutes(1));

        pressure.routed(1);
        pressure.routed(1);
        pressure.admit();

        assertThat(pressure.unrouted()).isEqualTo(1);
    }

    @Test
    void theLimitIsAtLeastOne() {
        assertThatThrownBy(() -> limit(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(UploadBackPressure.LIMIT);
    }
}
