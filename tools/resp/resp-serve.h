/* resp-serve.h: `resp serve`, the HTTP face of libresp (resp-serve.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

/* Runs `resp serve` with the arguments after `resp` (argv[0] is "serve");
 * returns the exit status. */
int resp_serve_main (int argc, char **argv);
