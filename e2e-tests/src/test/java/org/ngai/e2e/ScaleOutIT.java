package org.ngai.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.ngai.events.EventCodec;
import org.ngai.localrun.Http;
import org.ngai.localrun.LocalCluster;
import org.ngai.localrun.RunFollower;
import org.ngai.localrun.ServiceProcess;
import org.ngai.model.engine.ReferenceEngine;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;

/**
 * Two JVMs per service ({@link SharedCluster}): each consumer group splits the partitions with the same
 * partition numbers of every topic on one member; runs submitted to either firm-service instance equal the
 * reference engine; every instance answers about every run (shared database); and the instance controls the
 * fault tests use (stop, kill, restart, add) do what they say. Runs after the other classes on the shared
 * cluster ({@link Order}), since it stops and restarts instances; it leaves two live instances of each service
 * with every group stable, as it found them. Two instances on the H2 server (the local run's database) are
 * exercised by {@link FaultToleranceIT}'s rebalance test.
 */
@SharedCluster.OnSharedCluster
@org.junit.jupiter.api.Order(Integer.MAX_VALUE - 1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {
    static LocalCluster cluster;

    @BeforeAll
    static void start() {
        cluster = SharedCluster.get();
        cluster.awaitConsumerGroupsStable(Duration.ofMinutes(2));
    }

    static String submit(String firmUrl, Scenario s) throws Exception {
        ObjectNode body = EventCodec.MAPPER.createObjectNode();
        body.set("scenarioDocument", ScenarioLoader.toTree(s));
        Http.Response r = Http.post(firmUrl + "/api/runs", EventCodec.MAPPER.writeValueAsString(body), cluster.operator());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.body().path("id").asText();
    }

    static List<TickIndicators> follow(String runId) {
        try (RunFollower f = new RunFollower(cluster.bootstrapServers(), runId)) {
            assertThat(f.follow(Duration.ofMinutes(8), t -> { })).as("run %s", runId).isEqualTo("FINISHED");
            return f.series();
        }
    }

    @Test
    @Order(1)
    void everyGroupHasTwoMembersAndEachMemberOwnsTheSamePartitionNumbersOfEveryTopic() throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            for (String service : LocalCluster.SERVICES) {
                String group = LocalCluster.CONSUMER_GROUPS.get(service).get(0);
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                assertThat(d.members()).as(group).hasSize(2);
                Set<Integer> all = new HashSet<>();
                for (MemberDescription m : d.members()) {
                    Set<TopicPartition> tps = m.assignment().topicPartitions();
                    assertThat(tps).as("%s member %s", group, m.consumerId()).isNotEmpty();
                    Map<String, TreeSet<Integer>> byTopic = new java.util.TreeMap<>();
                    for (TopicPartition tp : tps) {
                        byTopic.computeIfAbsent(tp.topic(), k -> new TreeSet<>()).add(tp.partition());
                    }
                    // co-partitioning: a run's events on every topic reach the same instance
                    assertThat(new HashSet<>(byTopic.values())).as("%s member %s: %s", group, m.consumerId(), byTopic).hasSize(1);
                    all.addAll(byTopic.values().iterator().next());
                }
                assertThat(all).as(group).containsExactlyInAnyOrder(0, 1, 2, 3);
            }
        }
    }

    @Test
    @Order(2)
    void runsSubmittedToEitherInstanceEqualTheReferenceAndEveryInstanceAnswersAboutEveryRun() throws Exception {
        List<String> firm = cluster.urls("firm-service");
        assertThat(firm).hasSize(2);
        List<Scenario> scenarios = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Scenario s = ScenarioLoader.bundled("baseline").toBuilder().firms(200).ticks(4).seed(500 + i).build();
            scenarios.add(s);
            ids.add(submit(firm.get(i % 2), s));
        }
        for (int i = 0; i < ids.size(); i++) {
            assertThat(follow(ids.get(i))).as("run %d", i).isEqualTo(new ReferenceEngine().run(scenarios.get(i)).series());
        }
        for (String id : ids) {
            for (String url : firm) {
                Http.Response r = Http.get(url + "/api/runs/" + id);
                assertThat(r.status()).as(url + " about " + id).isEqualTo(200);
                assertThat(r.body().path("status").asText()).as(url + " about " + id).isEqualTo("FINISHED");
            }
            for (String url : cluster.urls("indicator-service")) {
                Http.Response csv = Http.get(url + "/api/runs/" + id + "/export.csv?scope=national");
                assertThat(csv.status()).as(url + " about " + id).isEqualTo(200);
                assertThat(csv.text().lines().count()).as(url + " about " + id).isEqualTo(5);
            }
        }
    }

    @Test
    @Order(3)
    void stopKillRestartAndAddChangeTheInstancesAndTheGroups() throws Exception {
        String svc = "market-service";
        ServiceProcess one = cluster.instance(svc, 1);
        int port = one.port();
        cluster.stopInstance(svc, 1);
        assertThat(one.isAlive()).isFalse();
        assertThat(cluster.liveInstances(svc)).isEqualTo(1);
        cluster.awaitConsumerGroupsStable(Duration.ofMinutes(1));
        assertThat(cluster.restart(svc, 1)).isEqualTo("http://127.0.0.1:" + port);
        assertThat(cluster.instance(svc, 1)).isNotSameAs(one);
        assertThat(Http.get(cluster.instance(svc, 1).url() + "/q/health/ready").status()).isEqualTo(200);

        ServiceProcess factor1 = cluster.instance("factor-service", 1);
        cluster.kill("factor-service", 1);
        assertThat(factor1.isAlive()).isFalse();
        assertThat(cluster.urls("factor-service")).hasSize(1);
        cluster.restart("factor-service", 1);
        assertThat(cluster.urls("factor-service")).hasSize(2);

        int slots = cluster.instances("indicator-service").size();
        int live = cluster.liveInstances("indicator-service");
        int added = cluster.addInstance("indicator-service");
        assertThat(added).as("the next index").isEqualTo(slots);
        assertThat(cluster.liveInstances("indicator-service")).isEqualTo(live + 1);
        cluster.stopInstance("indicator-service", added);
        // the killed factor instance's old member may linger until its session times out (45 s)
        cluster.awaitConsumerGroupsStable(Duration.ofMinutes(2));
    }

    @Test
    @Order(4)
    void afterRestartAllTheSameServicesRunANewRunEqualToTheReference() throws Exception {
        List<Long> before = new ArrayList<>();
        for (String svc : LocalCluster.SERVICES) {
            cluster.instances(svc).stream().filter(ServiceProcess::isAlive).forEach(p -> before.add(p.pid()));
        }
        cluster.restartAll();
        for (String svc : LocalCluster.SERVICES) {
            for (ServiceProcess p : cluster.instances(svc)) {
                if (p.isAlive()) {
                    assertThat(before).as(svc + " restarted").doesNotContain(p.pid());
                }
            }
        }
        Scenario s = ScenarioLoader.bundled("baseline").toBuilder().firms(200).ticks(4).seed(900).build();
        String id = submit(cluster.urls("firm-service").get(1), s);
        assertThat(follow(id)).isEqualTo(new ReferenceEngine().run(s).series());
    }
}
