package io.tiered.processor.validate;

import java.util.Locale;
import javax.tools.Diagnostic;

/**
 * Every diagnostic the processor reports, each saying what is wrong and what to write instead. Each
 * text starts with the message's {@linkplain #id() id}, {@code [Tiered:BAD_DURATION]}, as
 * AutoValue's do: users search for it, the table of errors in docs/annotations.md lists it, and
 * tests name it. Tests build the rest of the expected text with {@link #detail}.
 */
public enum Message {
  TIERED_ON_NON_INTERFACE(Diagnostic.Kind.ERROR,
      "@Tiered applies to interfaces, but %s is %s; put @Tiered on the service interface it"
          + " implements (extract one if there is none) and wrap instances with the generated"
          + " proxy"),
  TIERED_METHOD_OUTSIDE_INTERFACE(Diagnostic.Kind.ERROR,
      "@Tiered on a method applies to methods of an interface, but %s is declared in %s; move the"
          + " method to a service interface and annotate it there"),
  PRIVATE_INTERFACE(Diagnostic.Kind.ERROR,
      "%s is private, so the generated %s cannot implement it; make it package-private or public"),
  INACCESSIBLE_INTERFACE(Diagnostic.Kind.ERROR,
      "%s is nested in private %s, so the generated %s cannot implement it; make %s package-private"
          + " or public, or move the interface out of it"),
  PROXY_NAME_HIDDEN(Diagnostic.Kind.ERROR,
      "member type %s has the name of the generated proxy, which inherits it, so inside the proxy"
          + " %s would name the member type, not the proxy; rename the member type"),
  BAD_DURATION(Diagnostic.Kind.ERROR,
      "%s(%s = \"%s\") is not a positive duration; write an amount with a unit, such as \"250ms\","
          + " \"30s\", \"5m\", \"2h\" or \"1d\", or ISO-8601 such as \"PT30S\""),
  NON_POSITIVE_MAXIMUM_SIZE(Diagnostic.Kind.ERROR,
      "@Tiered(maximumSize = %d) must be positive; write the most entries L1 may hold, such as"
          + " @Tiered(maximumSize = 10_000)"),
  GENERIC_METHOD(Diagnostic.Kind.ERROR,
      "%s is generic, so its key and value types are not known at compile time and it cannot be"
          + " cached; give it concrete types, or make it a default method, which passes through"),
  REFRESH_NOT_SHORTER_THAN_TTL(Diagnostic.Kind.ERROR,
      "@RefreshAfter(\"%s\") must be shorter than the ttl \"%s\" of %s, or entries expire before"
          + " they are refreshed; shorten the refresh or lengthen the ttl"),
  STALE_WITHOUT_TTL(Diagnostic.Kind.ERROR,
      "@StaleIfError(\"%s\") applies to %s, which has no ttl: entries that never expire are never"
          + " stale; give it one, such as @Tiered(ttl = \"5m\"), or remove @StaleIfError"),
  SOFT_TIMEOUT_NOT_SHORTER_THAN_TTL(Diagnostic.Kind.ERROR,
      "@StaleIfError(softTimeout = \"%s\") must be shorter than the ttl \"%s\" of %s: it is how"
          + " long a call waits for a load before it takes the stale value; shorten it, such as"
          + " softTimeout = \"200ms\""),
  NULL_TTL_LONGER_THAN_TTL(Diagnostic.Kind.ERROR,
      "@Tiered(nullTtl = \"%s\") must not be longer than the ttl \"%s\" of %s, or a missing"
          + " value outlives a present one; shorten it, such as nullTtl = \"30s\""),
  BAD_JITTER(Diagnostic.Kind.ERROR,
      "@Tiered(jitter = \"%s\") is not a share of the ttl above 0%% and at most 50%%; write a"
          + " percentage, such as jitter = \"10%%\" (an entry with a ttl of 10m then expires"
          + " after 9 to 10 minutes)"),
  JITTER_WITHOUT_TTL(Diagnostic.Kind.ERROR,
      "@Tiered(jitter = \"%s\") applies to %s, which has no ttl: entries that never expire do"
          + " not expire together; give it one, such as @Tiered(ttl = \"10m\", jitter ="
          + " \"%1$s\"), or remove the jitter"),
  BLANK_FALLBACK_TIER(Diagnostic.Kind.ERROR,
      "@Fallback tier must not be blank; name the tier you bind with"
          + " TieredRuntime.builder().tier(name, factory), such as @Fallback(tier = \"shared\")"),
  RESERVED_FALLBACK_TIER(Diagnostic.Kind.ERROR,
      "@Fallback(tier = \"%s\") uses a reserved name (\"l1\" is the in-process tier, \"origin\""
          + " the service); name the remote tier, such as @Fallback(tier = \"shared\")"),
  DUPLICATE_FALLBACK_TIER(Diagnostic.Kind.ERROR,
      "@Fallback(tier = \"%s\") is declared twice on %s; a tier backs a cache once, so remove one"),
  VOID_METHOD_TIERED(Diagnostic.Kind.ERROR,
      "%s returns void, so there is nothing to cache; remove @Tiered from it (void methods pass"
          + " through to the origin)"),
  OBJECT_METHOD_ANNOTATED(Diagnostic.Kind.ERROR,
      "%s redeclares a method of Object, which every proxy implements itself (equality is"
          + " identity) and never caches; remove @%s from it"),
  PROXY_MEMBER_CLASH(Diagnostic.Kind.ERROR,
      "%s clashes with TieredProxy.%s(), which every generated proxy implements; rename the"
          + " method"),
  WRAP_CLASH(Diagnostic.Kind.ERROR,
      "%s clashes with the static %s.wrap(%s) that generated proxies declare (reserved even"
          + " where a @Fallback tier leaves it out); rename the method"),
  DUPLICATE_CACHE_NAME(Diagnostic.Kind.ERROR,
      "cache name \"%s\" of %s is already used by %s; keys of the two methods would collide, so"
          + " give one of them another @Tiered(name = \"...\")"),
  CACHE_NAME_SHARED_ACROSS_INTERFACES(Diagnostic.Kind.WARNING,
      "cache name \"%s\" of %s is also that of %s; if both share a fallback tier such as Redis,"
          + " each reads the other's entries, so give one of them @Tiered(name = \"...\")"),
  NOT_CACHED(Diagnostic.Kind.WARNING,
      "@%s has no effect on %s, which is not cached (%s); remove the annotation, or add @Tiered"
          + " to the method"),
  NOTHING_CACHED(Diagnostic.Kind.WARNING,
      "@%s has no effect: %s has no cached methods (only abstract methods that return a value,"
          + " and methods annotated @Tiered, are cached); annotate a method with @Tiered or"
          + " remove it"),
  WRITE_TARGET_UNKNOWN(Diagnostic.Kind.ERROR,
      "%s on %s names no cached method of %s; name one of its cached methods: %s"),
  WRITE_TARGET_AMBIGUOUS(Diagnostic.Kind.ERROR,
      "%s on %s is ambiguous: %s are cached; name one with its parameter types, such as"
          + " @%s(\"%s\")"),
  WRITE_KEY_MISSING(Diagnostic.Kind.ERROR,
      "%s on %s: nothing gives %s's parameter %s (%s): %s; add a parameter named %4$s of a type"
          + " assignable to %5$s, or write the key as a path, such as key = \"%4$s\" or"
          + " key = \"order.%4$s\""),
  WRITE_KEY_PATH_INVALID(Diagnostic.Kind.ERROR,
      "key = \"%s\" of %s on %s does not give %s's parameter %s: %s; write one path per"
          + " parameter of %4$s, comma-separated, each a parameter name then zero or more"
          + " .component (a record component or no-arg method), such as \"order.sku\""),
  WRITE_ALL_WITH_KEY(Diagnostic.Kind.ERROR,
      "@Invalidate(all = true) on %s evicts every key of %s, so key = \"%s\" means nothing;"
          + " remove the key, or remove all = true"),
  PUT_ON_VOID(Diagnostic.Kind.ERROR,
      "%s on %s, which returns void: there is no value to cache; return the new value, or use"
          + " @Invalidate(\"%s\")"),
  PUT_TYPE_MISMATCH(Diagnostic.Kind.ERROR,
      "%s on %s: its result, of type %s, is not a value of %s, whose values are of type %s;"
          + " return a %5$s, or use @Invalidate(\"%s\")"),
  WRITE_ON_CACHED_METHOD(Diagnostic.Kind.ERROR,
      "%s makes %s a write, which is never cached, but it carries @Tiered; remove @Tiered from"
          + " it (to cache the result under another method's key, use @Put)"),
  BAD_TAG_TEMPLATE(Diagnostic.Kind.ERROR,
      "%s on %s is not a tag template: %s; write text and {path} placeholders, such as"
          + " \"product:{sku}\" or \"product:{item.sku}\" (braces only delimit placeholders)"),
  TAG_PLACEHOLDER_INVALID(Diagnostic.Kind.ERROR,
      "placeholder {%s} of %s on %s does not resolve: %s; a placeholder is a parameter name (%s)"
          + " then zero or more .component (a record component or no-arg method), such as"
          + " {item.sku}"),
  TYPE_TAG_UNFILLABLE(Diagnostic.Kind.ERROR,
      "%s on %s applies to every cached method, but %s cannot fill it; use placeholders that"
          + " every cached method can fill (a parameter of that name in each), or put the @Tag on"
          + " the methods it fits"),
  TAG_ON_UNCACHED_METHOD(Diagnostic.Kind.ERROR,
      "%s on %s, which is not cached (%s): only the entries of cached methods carry tags; put it"
          + " on a cached method, or annotate this one @Tiered (to invalidate a tag after a"
          + " write, use @InvalidateTag)"),
  TAG_ON_SHARED_BULK(Diagnostic.Kind.ERROR,
      "%s on %s, which shares the cache \"%s\" of %s: the entries of a shared cache carry the"
          + " tags of the method that builds it; put the @Tag on %4$s"),
  TAG_WRITE_WITHOUT_PROXY(Diagnostic.Kind.ERROR,
      "%s on %s has no effect: Tiered generates a proxy only for an interface carrying @Tiered,"
          + " on itself or on a method, and %s carries none; annotate it @Tiered (its writes then"
          + " go through a proxy), or declare the write in the interface of the cached methods"),
  UNRESOLVED_TYPE(Diagnostic.Kind.ERROR,
      "%s uses %s, which javac cannot find and no annotation processor generated, so Tiered"
          + " cannot proxy it; correct the name or the import, or put the processor that generates"
          + " it on the annotation processor path"),
  BAD_OPTION_VALUE(Diagnostic.Kind.WARNING,
      "-A%s=%s is neither true nor false, so Tiered uses the default, %s; write -A%1$s=true or"
          + " -A%1$s=false, or remove the option"),
  BULK_SHAPE(Diagnostic.Kind.ERROR,
      "@Bulk on %s, which %s; a bulk method takes one Collection<K>, Set<K>, List<K>, Iterable<K>"
          + " or K[] parameter (K a reference type, an array's not generic) and returns Map<K, V>"
          + " or CompletableFuture<Map<K, V>> or Mono<Map<K, V>> with the same K: declare it as,"
          + " for example, Map<String, Price> prices(Set<String> skus)"),
  REACTIVE_BULK_FLUX(Diagnostic.Kind.ERROR,
      "@Bulk on %s, which returns %s: a bulk method answers with one Map of the values by key;"
          + " return Mono<Map<K, V>>, such as Mono<Map<String, Price>> prices(Set<String> skus)"
          + " (collectMap in the origin)"),
  REACTIVE_NESTED(Diagnostic.Kind.ERROR,
      "%s returns %s, a %s of another publisher or future: Tiered would cache the inner one"
          + " itself, never subscribed; return a %3$s of the value, such as Mono<Price>, and"
          + " flatten the inner one in the origin (flatMap)"),
  REACTIVE_FLUX_WRITE(Diagnostic.Kind.ERROR,
      "%s on %s, which returns %s: a write acts when its result completes, and a Flux may"
          + " complete after any number of elements, or never; return a Mono, such as Mono<Void>"
          + " or Mono<Price> (collectList() for a list)"),
  BULK_SHARED_TYPES(Diagnostic.Kind.ERROR,
      "cache name \"%s\" is shared by %s (keys %s, values %s) and %s (keys %s, values %s), but a"
          + " shared cache needs the same key and value types; make the types match, or give the"
          + " bulk method a cache of its own with @Tiered(name = \"...\")"),
  PROCESSOR_CRASHED(Diagnostic.Kind.ERROR,
      "The Tiered processor failed on %s; please report this at the Tiered issue tracker with the"
          + " interface declaration and this exception: %s"),
  WRITE_FAILED(Diagnostic.Kind.ERROR, "Could not write %s: %s");

  private final Diagnostic.Kind kind;
  private final String template;

  Message(Diagnostic.Kind kind, String template) {
    this.kind = kind;
    this.template = template;
  }

  public Diagnostic.Kind kind() {
    return kind;
  }

  /**
   * {@code Tiered:BAD_DURATION}: the constant's name, which is therefore public and stable; rename
   * a constant only with its row in docs/annotations.md.
   */
  public String id() {
    return "Tiered:" + name();
  }

  /** The whole text for the given subjects: the id in brackets, then the {@link #detail}. */
  public String format(Object... arguments) {
    return withId(detail(arguments));
  }

  /** What is wrong with the given subjects, and the fix: the text after the id. */
  public String detail(Object... arguments) {
    return String.format(Locale.ROOT, template, arguments);
  }

  /** {@code detail} after this message's id, as every diagnostic starts. */
  String withId(String detail) {
    return "[" + id() + "] " + detail;
  }
}
