package io.tiered.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Shows a start failed for a missing proxy as Boot shows its own: what happened, then the fix. */
final class MissingProxyFailureAnalyzer extends AbstractFailureAnalyzer<MissingProxyException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, MissingProxyException cause) {
    return new FailureAnalysis(cause.description(), cause.action(), cause);
  }
}
