/**
 * gapmap's AWS infrastructure as a CDK (Java) app: one stack, verified offline with CDK assertions.
 */
package org.gapmap.infra;
