package dev.chatflow.processor.replay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An ISO-8601 point in time from the command line: {@code 2026-03-01T12:00:00Z}, with an offset
 * ({@code 2026-03-01T13:00:00+01:00}), or a date ({@code 2026-03-01}, midnight UTC). A time without a
 * zone is refused rather than guessed.
 */
public final class IsoTime implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        return parse(value);
    }

    public static Instant parse(String value) {
        String text = value.strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw new TypeConversionException("'" + value + "' is not an ISO-8601 time with a zone; write it "
                        + "like 2026-03-01T12:00:00Z, 2026-03-01T13:00:00+01:00 or 2026-03-01 (midnight UTC)");
            }
        }
    }
}
