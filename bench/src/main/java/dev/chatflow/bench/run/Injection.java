package dev.chatflow.bench.run;

/**
 * A fault the bench can inject into its own receiving side, to prove that it notices: the first
 * receiver sees one message twice, or never sees one. A run with an injection must fail.
 */
public enum Injection {
    NONE,
    DUPLICATE,
    GAP
}
