package org.zhaoshang.notification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.system.ApiError;
import org.zhaoshang.system.ApiException;
import org.zhaoshang.system.Labelled;

/**
 * Each person's channels (通知方式): a mobile number, a 企业微信 userid and what to receive. A person who chose
 * nothing gets {@code app.channels.person-default} (e-mail).
 */
@Service
public class PersonChannels {

    /** Mainland mobile numbers: 11 digits starting with 1 (an optional +86 or 86 is dropped). */
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    /** 企业微信 userid: letters, digits and _ - . @, at most 64 characters. */
    private static final Pattern WECOM_ID = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ChannelProperties properties;

    PersonChannels(JdbcClient jdbc, Clock clock, ChannelProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** A person's settings; {@code chosen} is false when they still get the default. */
    public record Settings(String userId, String mobile, String wecomUserId, Set<Preference> preferences, boolean chosen) {

        public boolean wants(Preference preference) {
            return preferences.contains(preference);
        }
    }

    public Settings of(String userId) {
        return find(userId).orElseGet(() -> new Settings(userId, null, null, defaults(), false));
    }

    private Optional<Settings> find(String userId) {
        return jdbc.sql("SELECT * FROM person_channel WHERE user_id = :id").param("id", userId)
                .query((rs, n) -> new Settings(rs.getString("user_id"), rs.getString("mobile"), rs.getString("wecom_user_id"),
                        parse(rs.getString("channels")), true))
                .optional();
    }

    /**
     * Saves a person's choice. Refuses, changing nothing, a malformed mobile number or userid, an unknown choice,
     * SMS without a mobile number, and a choice of nothing at all (a person must stay reachable).
     */
    @Transactional
    public Settings save(String userId, String mobile, String wecomUserId, List<String> choices, String actor) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        String normalisedMobile = normaliseMobile(mobile);
        if (normalisedMobile != null && !MOBILE.matcher(normalisedMobile).matches()) {
            errors.add(new ApiError.FieldError("mobile", "手机号码应为 11 位数字、以 1 开头：" + mobile));
        }
        String wecom = blankToNull(wecomUserId);
        if (wecom != null && !WECOM_ID.matcher(wecom).matches()) {
            errors.add(new ApiError.FieldError("wecomUserId", "企业微信账号只能由字母、数字和 _ - . @ 组成，最多 64 个字符"));
        }
        Set<Preference> chosen = EnumSet.noneOf(Preference.class);
        for (String choice : choices == null ? List.<String>of() : choices) {
            Labelled.parse(Preference.class, choice).ifPresentOrElse(chosen::add,
                    () -> errors.add(new ApiError.FieldError("channels", "通知方式不在可选范围内：" + choice)));
        }
        if (chosen.isEmpty() && errors.isEmpty()) {
            errors.add(new ApiError.FieldError("channels", "请至少选择一种通知方式"));
        }
        if (chosen.contains(Preference.SMS) && normalisedMobile == null) {
            errors.add(new ApiError.FieldError("mobile", "选择短信通知时须填写手机号码"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        String channels = String.join(",", chosen.stream().map(Enum::name).toList());
        int updated = jdbc.sql("""
                UPDATE person_channel SET mobile = :mobile, wecom_user_id = :wecom, channels = :channels, updated_by = :actor,
                    updated_at = :now WHERE user_id = :user""")
                .param("mobile", normalisedMobile).param("wecom", wecom).param("channels", channels).param("actor", actor)
                .param("now", now).param("user", userId).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO person_channel (user_id, mobile, wecom_user_id, channels, updated_by, updated_at)
                    VALUES (:user, :mobile, :wecom, :channels, :actor, :now)""")
                    .param("user", userId).param("mobile", normalisedMobile).param("wecom", wecom).param("channels", channels)
                    .param("actor", actor).param("now", now).update();
        }
        return of(userId);
    }

    /** For seeding (demo): sets the person's channels unless they chose already. */
    public void ensure(String userId, String mobile, String wecomUserId, List<String> choices) {
        if (find(userId).isEmpty()) {
            save(userId, mobile, wecomUserId, choices, "system");
        }
    }

    /**
     * The directory's mobile number and 企业微信 id for a person (directory.DirectorySync): they replace what the person
     * entered where the directory has one, the person's choice of channels stays. False when the directory's value is
     * malformed (nothing changed then).
     */
    public boolean fromDirectory(String userId, String mobile, String wecomUserId) {
        Settings current = of(userId);
        String newMobile = mobile != null ? mobile : current.mobile();
        String newWecom = wecomUserId != null ? wecomUserId : current.wecomUserId();
        if (current.chosen() && java.util.Objects.equals(normaliseMobile(newMobile), current.mobile())
                && java.util.Objects.equals(blankToNull(newWecom), current.wecomUserId())) {
            return true;
        }
        try {
            save(userId, newMobile, newWecom, current.preferences().stream().map(Enum::name).toList(), "directory");
            return true;
        } catch (ApiException malformed) {
            return false;
        }
    }

    private Set<Preference> defaults() {
        return properties.personDefault().isEmpty() ? EnumSet.of(Preference.EMAIL) : EnumSet.copyOf(properties.personDefault());
    }

    private static Set<Preference> parse(String channels) {
        Set<Preference> parsed = EnumSet.noneOf(Preference.class);
        Arrays.stream(channels.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(s -> Labelled.parse(Preference.class, s).ifPresent(parsed::add));
        return parsed;
    }

    private static String normaliseMobile(String mobile) {
        String trimmed = blankToNull(mobile);
        if (trimmed == null) {
            return null;
        }
        String digits = trimmed.replace(" ", "").replace("-", "");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("86") && digits.length() == 13) {
            digits = digits.substring(2);
        }
        return digits;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
