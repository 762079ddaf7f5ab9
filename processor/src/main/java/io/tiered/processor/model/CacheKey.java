package io.tiered.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.Optional;
import javax.lang.model.type.TypeMirror;

/**
 * A cached method's key.
 *
 * @param shape how arguments become the key
 * @param type the key's type in generated code
 * @param parameterType for {@link KeyShape#PARAMETER}, the parameter's type
 * @param record for {@link KeyShape#RECORD}, the record to generate
 */
public record CacheKey(
    KeyShape shape,
    TypeName type,
    Optional<TypeMirror> parameterType,
    Optional<KeyRecord> record) {}
