/* err.c - messages, exit codes, closing stdout */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

const char *ws_prog = "wushe";

void
ws_init(const char *argv0)
{
	const char *p;

	/* Each process is one thread: SQLite's mutexes and memory statistics
	 * only cost time (about a quarter of a bulk intake).  Must come
	 * before any other SQLite call, so ws_init is the first call of main. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	/* A closed pipe on stdout ("case-list | head -1") is a write error
	 * that ws_close_stdout reports with exit 74, not a silent death. */
	signal(SIGPIPE, SIG_IGN);
	if (argv0 == NULL || *argv0 == '\0')
		return;
	p = strrchr(argv0, '/');
	ws_prog = p ? p + 1 : argv0;
}

static void
vwarn(const char *fmt, va_list ap)
{
	int saved = errno;
	size_t n = strlen(fmt);

	fprintf(stderr, "%s: ", ws_prog);
	vfprintf(stderr, fmt, ap);
	if (n > 0 && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
}

void
ws_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void
ws_die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	exit(code);
}

void
ws_version(void)
{
	printf("%s (wushe) %s\n", ws_prog, WS_VERSION);
	ws_close_stdout();
	exit(0);
}

void
ws_usage(const char *text, int code)
{
	fputs(text, code == 0 ? stdout : stderr);
	if (code == 0)
		ws_close_stdout();
	exit(code);
}

void
ws_close_stdout(void)
{
	int bad = fflush(stdout) == EOF || ferror(stdout);

	if (fclose(stdout) == EOF)
		bad = 1;
	if (bad)
		ws_die(EX_IOERR, "error writing standard output:");
}

int
ws_stderr_tty(void)
{
	return isatty(2);
}
