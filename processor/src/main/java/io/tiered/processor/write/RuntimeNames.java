package io.tiered.processor.write;

import com.palantir.javapoet.ClassName;

/** The runtime, annotation, JSR-330 and JDK types generated code refers to. */
final class RuntimeNames {
  private static final String RUNTIME = "io.tiered.runtime";
  private static final String INTERNAL = "io.tiered.runtime.internal";

  static final ClassName TIERED_CACHE = ClassName.get(RUNTIME, "TieredCache");
  static final ClassName TIERED_PROXY = ClassName.get(RUNTIME, "TieredProxy");
  static final ClassName TIERED_RUNTIME = ClassName.get(RUNTIME, "TieredRuntime");
  static final ClassName CACHE_DEFINITION = ClassName.get(INTERNAL, "CacheDefinition");
  static final ClassName TYPES = ClassName.get(INTERNAL, "Types");
  static final ClassName BULK_CACHE = ClassName.get(INTERNAL, "BulkCache");
  static final ClassName BULK_LOADER = ClassName.get(INTERNAL, "BulkLoader");
  static final ClassName ASYNC_BULK_LOADER = ClassName.get(INTERNAL, "AsyncBulkLoader");
  static final ClassName COMPLETIONS = ClassName.get(INTERNAL, "Completions");
  static final ClassName KEY_ARRAYS = ClassName.get(INTERNAL, "KeyArrays");
  static final ClassName REACTOR_CALLS = ClassName.get(INTERNAL, "ReactorCalls");
  static final ClassName MONO = ClassName.get("reactor.core.publisher", "Mono");
  static final ClassName LINKED_HASH_SET = ClassName.get("java.util", "LinkedHashSet");
  static final ClassName NO_KEY = ClassName.get(RUNTIME, "NoKey");
  static final ClassName TIERED_ORIGIN = ClassName.get("io.tiered", "TieredOrigin");
  static final ClassName INJECT = ClassName.get("jakarta.inject", "Inject");
  static final ClassName SINGLETON = ClassName.get("jakarta.inject", "Singleton");
  static final ClassName DURATION = ClassName.get("java.time", "Duration");
  static final ClassName ARRAYS = ClassName.get("java.util", "Arrays");
  static final ClassName LIST = ClassName.get("java.util", "List");
  static final ClassName ARRAY_LIST = ClassName.get("java.util", "ArrayList");
  static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  static final String PROCESSOR = "io.tiered.processor.TieredProcessor";

  private RuntimeNames() {}
}
