package org.zhaoshang.notification;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SMS gateway: Aliyun's unless the district defines its own {@link SmsGateway} bean. */
@Configuration(proxyBeanMethods = false)
class ChannelConfiguration {

    @Bean
    @ConditionalOnMissingBean(SmsGateway.class)
    SmsGateway aliyunSmsGateway(ChannelProperties properties, ProviderHttp http) {
        return new AliyunSmsGateway(properties.sms(), http);
    }
}
