package io.duban.system;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Wires both database drivers from one endpoint: R2DBC for every request path, JDBC only for Flyway
 * and Quartz. Declaring both explicitly keeps Flyway and Quartz's JDBC store from silently going
 * missing when R2DBC is present, and leaves exactly one (reactive) transaction manager.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  /**
   * Quartz receives its DataSource indirectly, so Spring does not know to stop the scheduler before
   * closing the pool; this makes the dependency explicit for an orderly shutdown.
   */
  @Bean
  static BeanFactoryPostProcessor quartzStopsBeforeDataSource() {
    return beanFactory -> {
      if (beanFactory.containsBeanDefinition("quartzScheduler")) {
        BeanDefinition scheduler = beanFactory.getBeanDefinition("quartzScheduler");
        scheduler.setDependsOn("dataSource");
      }
    };
  }

  @Bean(destroyMethod = "close")
  EmbeddedDatabaseHolder embeddedDatabase(DatabaseProperties properties) {
    return new EmbeddedDatabaseHolder(
        properties.embedded() ? EmbeddedDatabase.start(properties.dataDir()) : null);
  }

  @Bean
  DatabaseEndpoint databaseEndpoint(
      DatabaseProperties properties, ObjectProvider<EmbeddedDatabaseHolder> embedded) {
    if (properties.embedded()) {
      return embedded.getObject().database().endpoint();
    }
    return DatabaseEndpoint.parse(properties.url(), properties.user(), properties.password());
  }

  @Bean(destroyMethod = "close")
  DataSource dataSource(DatabaseEndpoint endpoint) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("duban-jdbc");
    config.setJdbcUrl(endpoint.jdbcUrl());
    config.setUsername(endpoint.user());
    config.setPassword(endpoint.password());
    config.setMaximumPoolSize(6);
    config.setMinimumIdle(1);
    return new HikariDataSource(config);
  }

  @Bean
  ConnectionName connectionName() {
    return ConnectionName.random();
  }

  @Bean(destroyMethod = "dispose")
  @Primary
  ConnectionPool connectionFactory(
      DatabaseEndpoint endpoint, DatabaseProperties properties, ConnectionName name) {
    ConnectionFactoryOptions options =
        ConnectionFactoryOptions.parse(endpoint.r2dbcUrl())
            .mutate()
            .option(ConnectionFactoryOptions.USER, endpoint.user())
            .option(ConnectionFactoryOptions.PASSWORD, endpoint.password())
            .option(Option.valueOf("applicationName"), name.value())
            .build();
    ConnectionFactory connections = ConnectionFactories.get(options);
    return new ConnectionPool(
        ConnectionPoolConfiguration.builder(connections)
            .name("duban-r2dbc")
            .maxSize(properties.poolSize())
            .initialSize(1)
            .maxAcquireTime(Duration.ofSeconds(10))
            .maxIdleTime(Duration.ofMinutes(10))
            // a connection is checked locally on acquire (socket open, not in a failed state); a
            // "select 1" per acquire doubled the round trips of the message path
            .validationDepth(ValidationDepth.LOCAL)
            .build());
  }

  @Bean
  ReactiveTransactionManager transactionManager(ConnectionFactory connectionFactory) {
    return new R2dbcTransactionManager(connectionFactory);
  }

  @Bean
  TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
    return TransactionalOperator.create(transactionManager);
  }

  /** Holds the embedded database when one runs, so its shutdown is tied to the context. */
  record EmbeddedDatabaseHolder(EmbeddedDatabase database) implements AutoCloseable {
    @Override
    public void close() throws java.io.IOException {
      if (database != null) {
        database.close();
      }
    }
  }
}
