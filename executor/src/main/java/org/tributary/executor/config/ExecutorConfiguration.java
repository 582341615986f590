package org.tributary.executor.config;

import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.tributary.executor.command.CommandClient;
import org.tributary.executor.storage.ObjectStore;

import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
public class ExecutorConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventJson eventJson() {
        return new EventJson();
    }

    @Bean
    ObjectStore objectStore(S3Properties s3, ExecutorProperties properties) {
        MinioClient minio = MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), s3.secretKey())
                // a fixed region spares a lookup request before the first presign
                .region(s3.region()).build();
        MinioAsyncClient lookups = MinioAsyncClient.builder().endpoint(s3.endpoint())
                .credentials(s3.accessKey(), s3.secretKey()).region(s3.region()).build();
        return new ObjectStore(minio, lookups, properties.presignExpiry());
    }

    @Bean
    CommandClient commandClient(RestClient.Builder builder, ExecutorProperties properties) {
        var requestFactory = ClientHttpRequestFactoryBuilder.jdk().build(ClientHttpRequestFactorySettings.defaults()
                .withConnectTimeout(Duration.ofSeconds(5)).withReadTimeout(Duration.ofSeconds(60)));
        RestClient http = builder.clone().baseUrl(properties.commandUrl()).requestFactory(requestFactory)
                .defaultHeaders(headers -> {
                    if (properties.credential() != null) {
                        headers.setBearerAuth(properties.credential());
                    }
                }).build();
        return new CommandClient(http, 8, Duration.ofMillis(200));
    }
}
