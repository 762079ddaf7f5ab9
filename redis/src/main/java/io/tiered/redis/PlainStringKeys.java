package io.tiered.redis;

/**
 * Writes a {@code String} key as the JSON writer of its cache writes it, without the writer when
 * the key needs no escaping: a quoted string of printable ASCII other than {@code "} and
 * {@code \}. Every read of Redis encodes its key; a JSON generator per read costs more than the
 * rest of the key's handling. Used only over a writer checked, once per cache, to write every
 * such character as itself ({@link #over}), so the keys are the same bytes as before, on every
 * instance of a fleet.
 */
final class PlainStringKeys implements KeyJson.Typed<String> {
  /** Every character a plain key may hold. */
  private static final String PLAIN = plainCharacters();

  private final KeyJson.Typed<String> json;

  private PlainStringKeys(KeyJson.Typed<String> json) {
    this.json = json;
  }

  /** {@code json}, writing plain keys itself when {@code json} writes them as it would. */
  static KeyJson.Typed<String> over(KeyJson.Typed<String> json) {
    return json.write(PLAIN).equals(quoted(PLAIN)) ? new PlainStringKeys(json) : json;
  }

  @Override
  public String write(String key) {
    for (int i = 0; i < key.length(); i++) {
      if (!isPlain(key.charAt(i))) {
        return json.write(key);
      }
    }
    return quoted(key);
  }

  @Override
  public String read(String encoded) {
    return json.read(encoded);
  }

  private static boolean isPlain(char c) {
    return c >= ' ' && c <= '~' && c != '"' && c != '\\';
  }

  private static String quoted(String key) {
    return '"' + key + '"';
  }

  private static String plainCharacters() {
    StringBuilder plain = new StringBuilder();
    for (char c = ' '; c <= '~'; c++) {
      if (isPlain(c)) {
        plain.append(c);
      }
    }
    return plain.toString();
  }
}
