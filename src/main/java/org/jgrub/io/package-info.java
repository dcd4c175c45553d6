/**
 * The ground floor: {@code BlockDevice}, the bounds-checked {@code ByteView}, {@code Limits} and
 * the exception types every message is made of.
 *
 * <p>May import nothing else of jgrub.
 */
package org.jgrub.io;
