package org.zhaoshang;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** 招商引资项目协同平台: Spring Boot application with an embedded Camunda Platform 7 engine. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ZhaoshangApplication {

    public static void main(String[] args) {
        SpringApplication.run(ZhaoshangApplication.class, args);
    }
}
