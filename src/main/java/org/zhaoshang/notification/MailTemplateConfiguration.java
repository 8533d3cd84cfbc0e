package org.zhaoshang.notification;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.ITemplateResolver;

/** Plain-text mail templates ({@code templates/mail/*.txt}) in the same Thymeleaf engine as the pages. */
@Configuration(proxyBeanMethods = false)
class MailTemplateConfiguration {

    @Bean
    ITemplateResolver mailTemplateResolver() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".txt");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setResolvablePatterns(Set.of("mail/*"));
        resolver.setOrder(1);
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        return resolver;
    }
}
