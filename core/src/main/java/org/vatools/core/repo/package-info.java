/**
 * Client configuration for the repositories {@code repo-tools publish} makes, shared by the
 * publisher (which ships a ready file with the repository) and vainstall (which installs one).
 */
package org.vatools.core.repo;
