/**
 * What every repository needs from JDBC and nothing in Spring's support offers.
 */
@NullMarked
package io.orderflow.jdbc;

import org.jspecify.annotations.NullMarked;
