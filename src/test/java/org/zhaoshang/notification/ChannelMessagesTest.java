package org.zhaoshang.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The providers' signatures against their documentation's examples, and what people's text can do to a message. */
class ChannelMessagesTest {

    @Test
    void aliyunSignatureMatchesTheSmsDocumentationExample() {
        Map<String, String> parameters = new TreeMap<>(Map.ofEntries(
                Map.entry("AccessKeyId", "testId"), Map.entry("Action", "SendSms"), Map.entry("Format", "XML"),
                Map.entry("OutId", "123"), Map.entry("PhoneNumbers", "15300000001"), Map.entry("RegionId", "cn-hangzhou"),
                Map.entry("SignName", "阿里云短信测试专用"), Map.entry("SignatureMethod", "HMAC-SHA1"),
                Map.entry("SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466"), Map.entry("SignatureVersion", "1.0"),
                Map.entry("TemplateCode", "SMS_71390007"), Map.entry("TemplateParam", "{\"customer\":\"test\"}"),
                Map.entry("Timestamp", "2017-07-12T02:42:19Z"), Map.entry("Version", "2017-05-25")));
        assertThat(AliyunSmsGateway.signature("GET", AliyunSmsGateway.canonical(parameters), "testSecret"))
                .isEqualTo("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
    }

    @Test
    void aliyunSignatureMatchesTheRpcDocumentationExample() {
        Map<String, String> parameters = new TreeMap<>(Map.of("Format", "XML", "AccessKeyId", "testid", "Action", "DescribeRegions",
                "SignatureMethod", "HMAC-SHA1", "SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", "SignatureVersion", "1.0",
                "Version", "2014-05-26", "Timestamp", "2016-02-23T12:46:24Z"));
        assertThat(AliyunSmsGateway.signature("GET", AliyunSmsGateway.canonical(parameters), "testsecret"))
                .isEqualTo("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    }

    @Test
    void aliyunPercentEncodingFollowsRfc3986() {
        assertThat(AliyunSmsGateway.encode("a b*c~d/=&+")).isEqualTo("a%20b%2Ac~d%2F%3D%26%2B");
        assertThat(AliyunSmsGateway.encode("派")).isEqualTo("%E6%B4%BE");
    }

    @Test
    void dingtalkSignatureIsHmacSha256OfTimestampAndSecret() {
        // Computed independently: printf '1700000000000\nSECabc' | openssl dgst -sha256 -hmac SECabc -binary | base64
        assertThat(DingtalkRobotSender.sign(1_700_000_000_000L, "SECabc")).isEqualTo("jcUpW0QmtKduN03n4JqQ0PBosVjqnM8gU7fIIvsDmCM=");
    }

    @Test
    void peoplesTextCannotFormatAGroupMessageOrMentionAnyone() {
        assertThat(RobotSender.plain("<@all> **急** [点我](http://x) @所有人\n# 标题"))
                .isEqualTo("＜＠all＞ ＊＊急＊＊ ［点我］(http://x) ＠所有人 ＃ 标题");
    }

    @Test
    void anSmsVariableLosesTheSignatureMarksAndStaysWithinThirtyFiveCharacters() {
        assertThat(SmsSender.first("【逾期提醒】ZS-2026-0042 新能源电池项目：「审查环保条件」已逾期 3 个工作日"))
                .startsWith("逾期提醒：ZS-2026-0042").doesNotContain("【", "】").hasSize(35).endsWith("…");
        assertThat(SmsSender.first("【督办】短")).isEqualTo("督办：短");
        String emoji = "😀".repeat(40);
        assertThat(SmsSender.first(emoji).codePointCount(0, SmsSender.first(emoji).length())).isEqualTo(35);
    }
}
