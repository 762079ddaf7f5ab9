package io.tiered.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiered.runtime.TieredProxy;
import io.tiered.spring.services.CountingPrices;
import io.tiered.spring.services.PriceService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * A {@code @Transactional} bean is wrapped around its AOP proxy, JDK or class-based: a miss runs in
 * a transaction, a hit starts none.
 */
class TransactionalBeanTest {

  @ParameterizedTest(name = "proxyTargetClass={0}")
  @ValueSource(booleans = {false, true})
  void aMissGoesThroughTheTransactionAndAHitStartsNone(boolean proxyTargetClass) {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TieredAutoConfiguration.class))
        .withUserConfiguration(proxyTargetClass ? ClassProxies.class : InterfaceProxies.class)
        .withBean("transactionManager", CountingTransactions.class)
        .withBean("prices", TransactionalPrices.class)
        .run(context -> {
          PriceService prices = context.getBean(PriceService.class);
          CountingTransactions transactions = context.getBean(CountingTransactions.class);
          assertThat(prices).isInstanceOf(TieredProxy.class);

          prices.price("sku-1");
          prices.price("sku-1");

          assertThat(transactions.begun.get()).isEqualTo(1);
          assertThat(context.getBean("prices", PriceService.class)).isSameAs(prices);
        });
  }

  @Configuration(proxyBeanMethods = false)
  @EnableTransactionManagement
  static class InterfaceProxies {}

  @Configuration(proxyBeanMethods = false)
  @EnableTransactionManagement(proxyTargetClass = true)
  static class ClassProxies {}

  public static class TransactionalPrices extends CountingPrices {
    @Override
    @Transactional
    public String price(String sku) {
      return super.price(sku);
    }
  }

  /** A transaction manager that only counts the transactions it begins. */
  static final class CountingTransactions extends AbstractPlatformTransactionManager {
    final AtomicInteger begun = new AtomicInteger();

    @Override
    protected Object doGetTransaction() {
      return new Object();
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
      begun.incrementAndGet();
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {}

    @Override
    protected void doRollback(DefaultTransactionStatus status) {}
  }
}
