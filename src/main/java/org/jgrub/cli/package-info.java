/**
 * The command line: pygrub's options with its getopt rules, the operator subcommands, the output
 * formats (sxp, simple, simple0), exit codes, the {@code --runas} sandbox (parent and child), the
 * only {@code main} and the only place that prints an error.
 *
 * <p>May import every other package; nothing imports it.
 */
package org.jgrub.cli;
