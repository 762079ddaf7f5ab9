package com.acme;

import jakarta.inject.Inject;

/** The docs' origin, which would call a price API over HTTP: here a counting stand-in. */
final class HttpPriceService extends CountingPriceService {

  @Inject
  HttpPriceService() {}
}
