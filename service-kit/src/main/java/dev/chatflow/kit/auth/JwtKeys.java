package dev.chatflow.kit.auth;

import dev.chatflow.kit.config.CommonSettings;
import dev.chatflow.kit.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The ES256 key pair of session tokens. In deployment the keys come from configuration (PEM text or a
 * path to a PEM file); for development, when none is configured, a pair is generated at first start into
 * {@code <data.dir>/keys/} and reused afterwards. Nothing secret ever lives in the repository.
 */
public final class JwtKeys {

    public static final String PRIVATE_FILE = "jwt-es256-private.pem";
    public static final String PUBLIC_FILE = "jwt-es256-public.pem";

    private JwtKeys() {
    }

    /** The verification key: {@code jwt.public.key}, else the dev pair of {@code data.dir}. */
    public static ECPublicKey publicKey(Config config) {
        return config.optional(CommonSettings.JWT_PUBLIC_KEY.key())
                .map(JwtKeys::pemText)
                .map(JwtKeys::parsePublic)
                .orElseGet(() -> devKeyPair(config.path(CommonSettings.DATA_DIR.key())).publicKey());
    }

    /** A pair of keys. */
    public record Pair(ECPrivateKey privateKey, ECPublicKey publicKey) {
    }

    /**
     * The development key pair in {@code dataDir/keys}, generated on first use. Several services may
     * start at once: a file lock makes exactly one of them generate it.
     */
    public static Pair devKeyPair(Path dataDir) {
        Path dir = dataDir.resolve("keys");
        try {
            Files.createDirectories(dir);
            try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                Path privatePem = dir.resolve(PRIVATE_FILE);
                Path publicPem = dir.resolve(PUBLIC_FILE);
                if (!Files.exists(privatePem) || !Files.exists(publicPem)) {
                    KeyPair pair = generate();
                    writePem(privatePem, "PRIVATE KEY", pair.getPrivate().getEncoded(), true);
                    writePem(publicPem, "PUBLIC KEY", pair.getPublic().getEncoded(), false);
                }
                return new Pair(parsePrivate(Files.readString(privatePem, StandardCharsets.UTF_8)),
                        parsePublic(Files.readString(publicPem, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the dev JWT key pair in " + dir, e);
        }
    }

    /** A fresh P-256 key pair. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate P-256 keys", e);
        }
    }

    /** A PEM configuration value, or the content of the file it names. */
    public static String pemText(String valueOrPath) {
        if (valueOrPath.contains("-----BEGIN")) {
            return valueOrPath;
        }
        try {
            return Files.readString(Path.of(valueOrPath), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key file " + valueOrPath, e);
        }
    }

    public static ECPublicKey parsePublic(String pem) {
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an EC public key in X.509 PEM form", e);
        }
    }

    public static ECPrivateKey parsePrivate(String pem) {
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an EC private key in PKCS#8 PEM form", e);
        }
    }

    public static String toPem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no " + type + " PEM block found");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    private static void writePem(Path file, String type, byte[] der, boolean secret) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, toPem(type, der), StandardCharsets.UTF_8);
        if (secret) {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on file systems without POSIX permissions
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
