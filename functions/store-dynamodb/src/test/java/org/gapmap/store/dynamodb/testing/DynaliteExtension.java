package org.gapmap.store.dynamodb.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a running {@link Dynalite}: one server per test run, started on first use and stopped
 * when the run ends. Tests isolate themselves with their own tables ({@link
 * Dynalite#uniqueTableName}). Use with {@code @ExtendWith} and a {@code Dynalite} parameter.
 */
public final class DynaliteExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(DynaliteExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Dynalite.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        // JUnit closes AutoCloseable values of the root store, so the server stops with the run.
        .getOrComputeIfAbsent(Dynalite.class, key -> Dynalite.start(), Dynalite.class);
  }
}
