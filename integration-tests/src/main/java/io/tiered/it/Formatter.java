package io.tiered.it;

import io.tiered.Tiered;

/**
 * Overloads, names that clash with generated members, and parameters named like the proxy's
 * fields and locals: the proxy must compile and keep every cache apart.
 */
@Tiered
public interface Formatter {

  String format(String value);

  String format(String value, int width);

  String format(int number);

  /** The handle of {@link #label} would be {@code labelCache}: taken by this method. */
  String labelCache();

  String label(String origin);

  String join(String key, String runtime, int hashCode);

  String keep(String formatCache);
}
