/** What both tools mean by an appliance. No process execution, no network, no CLI. */
package org.vatools.core;
