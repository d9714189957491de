package org.gapmap.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = GapmapCli.class.getPackage().getImplementationVersion();
    return new String[] {"gapmap " + (v == null ? "development" : v)};
  }
}
