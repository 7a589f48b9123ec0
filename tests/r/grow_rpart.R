# Grow an rpart tree (method "anova") with given controls; write leaf membership and splits.
# Usage: Rscript grow_rpart.R data.csv outcome weightcol|NONE minbucket minsplit cp maxdepth out_prefix var1 var2 ...
suppressMessages(library(rpart))
a <- commandArgs(trailingOnly = TRUE)
d <- read.csv(a[1], stringsAsFactors = TRUE)
vars <- a[9:length(a)]
f <- as.formula(paste(a[2], "~", paste(vars, collapse = " + ")))
w <- if (a[3] == "NONE") NULL else d[[a[3]]]
ctl <- rpart.control(minbucket = as.integer(a[4]), minsplit = as.integer(a[5]),
                     cp = as.numeric(a[6]), maxdepth = as.integer(a[7]), xval = 0,
                     maxcompete = 0, maxsurrogate = 0, usesurrogate = 0)
fit <- if (is.null(w)) rpart(f, data = d, method = "anova", control = ctl) else
  rpart(f, data = d, weights = w, method = "anova", control = ctl)
write.csv(data.frame(where = fit$where), paste0(a[8], "_where.csv"), row.names = FALSE)
fr <- fit$frame
write.csv(data.frame(node = rownames(fr), var = as.character(fr$var), n = fr$n,
                     yval = sprintf("%.17g", fr$yval)), paste0(a[8], "_frame.csv"), row.names = FALSE)
