package dev.chatflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.chatflow.delivery.DeliverySettings;
import dev.chatflow.ingest.IngestSettings;
import dev.chatflow.kit.config.Config;
import dev.chatflow.kit.config.Setting;
import dev.chatflow.localstack.dev.ServiceLauncher;
import dev.chatflow.processor.ProcessorSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docker-compose.yml and the Dockerfiles cannot be run on the build machine, so this checks them against
 * what the code reads: every environment variable a service is given is a setting it declares (a renamed
 * setting breaks this test, not a deployment), ports and health checks agree, images are pinned, and every
 * dependency waits for health.
 */
class DeploymentConfigTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, List<Setting>> SETTINGS = Map.of(
            "ingest-gateway", IngestSettings.all(),
            "stream-processor", ProcessorSettings.all(),
            "delivery-gateway", DeliverySettings.all());

    private static JsonNode compose() throws IOException {
        return YAML.readTree(ROOT.resolve("docker-compose.yml").toFile());
    }

    @Test
    void everyPartOfTheSystemIsAComposeServiceWithAHealthCheck() throws IOException {
        JsonNode services = compose().path("services");
        Set<String> names = new HashSet<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("kafka", "cassandra", "postgres", "kafka-ui",
                "ingest-gateway", "stream-processor", "delivery-gateway");
        services.fields().forEachRemaining(e -> assertThat(e.getValue().at("/healthcheck/test").isMissingNode())
                .as(e.getKey() + " has a health check").isFalse());
    }

    @Test
    void infrastructureImagesArePinnedToWhatTheCodeIsBuiltAgainst() throws IOException {
        JsonNode services = compose().path("services");
        assertThat(services.at("/kafka/image").asText()).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
        assertThat(services.at("/cassandra/image").asText()).startsWith("cassandra:5.0");
        assertThat(services.at("/cassandra/environment/MAX_HEAP_SIZE").asText()).isNotBlank();
        assertThat(services.at("/postgres/image").asText()).matches("postgres:\\d+.*");
        assertThat(services.at("/kafka-ui/image").asText()).startsWith("ghcr.io/kafbat/kafka-ui:v").doesNotEndWith("latest");
    }

    @Test
    void kafkaUiReadsItsMountedConfigWhichPointsAtTheContainerListener() throws IOException {
        JsonNode compose = compose();
        JsonNode ui = compose.at("/services/kafka-ui");
        assertThat(ui.path("volumes")).extracting(JsonNode::asText).contains("./kafka-ui/config.yml:/etc/kafkaui/config.yml:ro");
        JsonNode config = YAML.readTree(ROOT.resolve("kafka-ui/config.yml").toFile());
        JsonNode cluster = config.at("/kafka/clusters/0");
        assertThat(cluster.path("bootstrapServers").asText()).isEqualTo(internalBootstrap(compose));
        assertThat(cluster.path("defaultKeySerde").asText()).isEqualTo("String");
        assertThat(cluster.path("defaultValueSerde").asText()).isEqualTo("String");
        assertThat(ROOT.resolve("kafka-ui/README.md")).exists();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-gateway", "stream-processor", "delivery-gateway"})
    void serviceEnvironmentNamesOnlySettingsTheServiceReads(String name) throws IOException {
        JsonNode service = compose().at("/services/" + name);
        Set<String> declared = SETTINGS.get(name).stream().filter(s -> !s.key().endsWith(".*"))
                .map(Setting::envName).collect(Collectors.toSet());
        List<String> openPrefixes = SETTINGS.get(name).stream().filter(s -> s.key().endsWith(".*"))
                .map(s -> Setting.envName(s.key().substring(0, s.key().length() - 2)) + "_").toList();
        service.path("environment").fieldNames().forEachRemaining(variable -> assertThat(
                variable.equals(Config.CONFIG_FILE_ENV) || declared.contains(variable)
                        || openPrefixes.stream().anyMatch(variable::startsWith))
                .as(name + " is given " + variable + ", which it does not read").isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-gateway", "stream-processor", "delivery-gateway"})
    void servicePortsHealthAndDependenciesAgree(String name) throws IOException {
        JsonNode compose = compose();
        JsonNode service = compose.at("/services/" + name);
        String port = service.at("/environment/CHATFLOW_HTTP_PORT").asText();
        ServiceLauncher.Service known = ServiceLauncher.SERVICES.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        assertThat(port).isEqualTo(Integer.toString(known.defaultPort()));
        assertThat(service.path("ports")).extracting(JsonNode::asText).contains(port + ":" + port);
        assertThat(service.at("/healthcheck/test").toString()).contains("localhost:" + port + "/health");
        assertThat(service.at("/environment/CHATFLOW_KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo(internalBootstrap(compose));
        assertThat(service.path("depends_on").size()).isPositive();
        service.path("depends_on").fields().forEachRemaining(dependency -> {
            assertThat(dependency.getValue().path("condition").asText()).as(name + " waits for " + dependency.getKey())
                    .isEqualTo("service_healthy");
            assertThat(compose.at("/services/" + dependency.getKey()).isMissingNode()).isFalse();
        });
        assertThat(service.at("/build/dockerfile").asText()).isEqualTo(name + "/Dockerfile");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-gateway", "stream-processor", "delivery-gateway"})
    void dockerfileBuildsWithMavenAndRunsTheMainClassOnAJreAsNonRoot(String name) throws IOException {
        String dockerfile = Files.readString(ROOT.resolve(name).resolve("Dockerfile"));
        ServiceLauncher.Service known = ServiceLauncher.SERVICES.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        List<String> froms = dockerfile.lines().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(froms).hasSize(2);
        assertThat(froms.get(0)).contains("jdk").contains(" AS build");
        assertThat(froms.get(1)).contains("jre");
        assertThat(dockerfile).contains("./mvnw").contains("-pl " + name + " -am");
        assertThat(dockerfile.lines().filter(l -> l.startsWith("USER ")).findFirst()).hasValueSatisfying(
                user -> assertThat(user.trim()).isNotIn("USER root", "USER 0"));
        assertThat(dockerfile).contains("HEALTHCHECK").contains("\"" + known.mainClass() + "\"");
        assertThat(ROOT.resolve(known.mainClass().replace('.', '/'))).doesNotExist(); // a class name, not a path
        assertThat(ROOT.resolve(name).resolve("src/main/java").resolve(known.mainClass().replace('.', '/') + ".java")).exists();
    }

    @Test
    void namedVolumesAreDeclaredAndConfigurationHasNoSecrets() throws IOException {
        JsonNode compose = compose();
        Set<String> declared = new HashSet<>();
        compose.path("volumes").fieldNames().forEachRemaining(declared::add);
        compose.path("services").forEach(service -> service.path("volumes").forEach(v -> {
            String source = v.asText().split(":")[0];
            if (!source.startsWith(".") && !source.startsWith("/")) {
                assertThat(declared).contains(source);
            }
        }));
        // secrets come from the environment (.env), never from the file itself
        compose.path("services").forEach(service -> service.path("environment").fields().forEachRemaining(e -> {
            if (e.getKey().matches(".*(PASSWORD|SECRET|PRIVATE_KEY).*")) {
                assertThat(e.getValue().asText()).as(e.getKey()).startsWith("${");
            }
        }));
        assertThat(Files.readString(ROOT.resolve("docker-compose.yml"))).doesNotContain("BEGIN PRIVATE KEY");
    }

    private static String internalBootstrap(JsonNode compose) {
        String advertised = compose.at("/services/kafka/environment/KAFKA_ADVERTISED_LISTENERS").asText();
        return java.util.Arrays.stream(advertised.split(",")).filter(l -> l.startsWith("INTERNAL://"))
                .map(l -> l.substring("INTERNAL://".length())).findFirst().orElseThrow();
    }
}
