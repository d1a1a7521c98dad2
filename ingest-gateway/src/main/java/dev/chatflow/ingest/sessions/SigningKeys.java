package dev.chatflow.ingest.sessions;

import dev.chatflow.ingest.IngestSettings;
import dev.chatflow.kit.auth.JwtKeys;
import dev.chatflow.kit.config.CommonSettings;
import dev.chatflow.kit.config.Config;
import java.util.Optional;

/**
 * The key pair of session tokens: {@code jwt.private.key} with {@code jwt.public.key} in deployment,
 * else the dev pair in {@code data.dir} (generated at first start). A configured private key without
 * its public key is a start-up error, not a silent switch to the dev pair.
 */
public final class SigningKeys {

    private SigningKeys() {
    }

    public static JwtKeys.Pair load(Config config) {
        Optional<String> privatePem = config.optional(IngestSettings.JWT_PRIVATE_KEY.key());
        Optional<String> publicPem = config.optional(CommonSettings.JWT_PUBLIC_KEY.key());
        if (privatePem.isEmpty()) {
            if (publicPem.isPresent()) {
                throw new IllegalStateException("jwt.public.key is set but jwt.private.key is not: the gateway "
                        + "could not sign tokens that verify; set both (CHATFLOW_JWT_PRIVATE_KEY) or neither");
            }
            return JwtKeys.devKeyPair(config.path(CommonSettings.DATA_DIR.key()));
        }
        if (publicPem.isEmpty()) {
            throw new IllegalStateException("jwt.private.key is set but jwt.public.key is not; set both "
                    + "(CHATFLOW_JWT_PUBLIC_KEY: the PEM of the matching public key)");
        }
        return new JwtKeys.Pair(JwtKeys.parsePrivate(JwtKeys.pemText(privatePem.get())),
                JwtKeys.parsePublic(JwtKeys.pemText(publicPem.get())));
    }
}
