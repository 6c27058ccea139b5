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
	ws_lang(NULL);		/* issue 14: a zh_CN locale is Chinese */
}

static void
vwarn(const char *fmt, va_list ap)
{
	int saved = errno;
	size_t n = strlen(fmt);

	/* issue 14: the one place a message is translated (po/zh_CN.po);
	 * a trailing ':' (strerror follows) is the English msgid's */
	fprintf(stderr, "%s: ", ws_prog);
	vfprintf(stderr, ws_msg(fmt), ap);
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
ws_bad_use(const char *text, const char *opt, const char *what)
{
	if (opt != NULL)
		ws_warn("%s: %s", opt, ws_msg(what));
	else
		ws_warn("%s", ws_msg(what));
	ws_usage(text, EX_USAGE);
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

int
ws_err_set(ws_err *e, int code, const char *field, const char *fmt, ...)
{
	int saved = errno;
	size_t n = strlen(fmt);
	va_list ap;
	ws_buf b = {0};
	const char *tfmt = ws_msg(fmt);	/* issue 14: translated here */
	int len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, tfmt, ap);
	va_end(ap);
	if (len < 0)
		ws_bug("bad message format '%s'", fmt);
	b.s = ws_malloc((size_t)len + 1);
	b.cap = (size_t)len + 1;
	va_start(ap, fmt);
	vsnprintf(b.s, (size_t)len + 1, tfmt, ap);
	va_end(ap);
	b.len = (size_t)len;
	if (n > 0 && fmt[n - 1] == ':')
		ws_buf_printf(&b, " %s", strerror(saved));
	free(e->msg);
	e->code = code;
	e->field = field;
	e->msg = b.s;
	return code;
}

void
ws_err_clear(ws_err *e)
{
	free(e->msg);
	e->code = 0;
	e->field = NULL;
	e->msg = NULL;
}

void
ws_err_warn(const ws_err *e)
{
	const char *m = e->msg ? e->msg : "unknown error";

	if (e->field != NULL)
		ws_warn("%s: %s", e->field, m);
	else
		ws_warn("%s", m);
}

void
ws_err_die(ws_err *e)
{
	int code = e->code ? e->code : EX_SOFTWARE;

	ws_err_warn(e);
	ws_err_clear(e);
	exit(code);
}

void
ws_bug(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: bug: ", ws_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EX_SOFTWARE);
}
