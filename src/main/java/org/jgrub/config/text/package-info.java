/**
 * What the line-oriented formats share: reading a config file as text within its size limit, lines
 * and words, warnings naming file and line.
 *
 * <p>May import config and io only.
 */
package org.jgrub.config.text;
