package dev.chatflow.schemas.topics;

import java.util.List;

/** Existing topics contradict the catalog; the message lists every difference and how to resolve it. */
public final class TopicMismatchException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public TopicMismatchException(List<String> problems) {
        super("existing Kafka topics contradict chatflow's topic catalog:\n  - " + String.join("\n  - ", problems)
                + "\nFix the topic (kafka-configs.sh / kafka-topics.sh --alter) or the configuration "
                + "(topics.<name>.partitions, topics.<name>.retention), then start again.");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
