-- Messaging beside e-mail (issue 23): SMS to a person's mobile, and the unit's 企业微信 / 钉钉 group robots.
-- Every message still goes through the outbox: one row per message, recipient and channel.

-- The channel of an outbox row. recipient_address is the channel's address: a mail address (EMAIL), a mobile
-- number (SMS), or the unit code whose robot receives it (WECOM_ROBOT, DINGTALK_ROBOT; the webhook itself is
-- read from unit_robot when sending, so no key is copied into the outbox).
ALTER TABLE mail_outbox ADD COLUMN channel VARCHAR(20) DEFAULT 'EMAIL' NOT NULL;
-- Where the message's link leads (a task in Tasklist, a project page); short messages carry it instead of a body.
ALTER TABLE mail_outbox ADD COLUMN link VARCHAR(500);
CREATE INDEX idx_mail_outbox_channel_due ON mail_outbox (channel, status, next_attempt_at);

-- A person's own choice of channels and their addresses (the e-mail address stays Camunda's).
CREATE TABLE person_channel (
    user_id        VARCHAR(64)  NOT NULL PRIMARY KEY,   -- Camunda user id
    mobile         VARCHAR(20),                         -- 手机号 for SMS and for @ in 钉钉 groups
    wecom_user_id  VARCHAR(64),                         -- 企业微信 userid for @ in 企业微信 groups
    channels       VARCHAR(100) NOT NULL,               -- comma-separated: EMAIL, SMS, GROUP_MENTION
    updated_by     VARCHAR(64)  NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A unit's group robots, set by administrators. The secrets live here and in no page, log or outbox row.
CREATE TABLE unit_robot (
    unit_code   VARCHAR(64)   NOT NULL,
    channel     VARCHAR(20)   NOT NULL,                 -- WECOM_ROBOT, DINGTALK_ROBOT
    webhook_key VARCHAR(200)  NOT NULL,                 -- 企业微信 key / 钉钉 access_token
    secret      VARCHAR(200),                           -- 钉钉 加签 secret (SEC…)
    updated_by  VARCHAR(64)   NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (unit_code, channel)
);

-- The rate window of each paced target (a robot, a mobile), shared by every node: a message is sent only after
-- a conditional UPDATE here granted it, so two nodes together stay within the provider's limit.
CREATE TABLE channel_pace (
    target        VARCHAR(120) NOT NULL PRIMARY KEY,
    window_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    used          INTEGER      NOT NULL
);
