# Seed 001: a two-minute batch Job, then five completions two at a time; the book's batch/v1beta1
# CronJob is no longer served.
kubectl create -f batch-job.yaml
sim advance 10s
kubectl get jobs
kubectl get pods
sim advance 2m
kubectl get pods
kubectl logs job/batch-job
kubectl get jobs
kubectl create -f multi-completion-parallel-batch-job.yaml
sim advance 40s
kubectl get pods -l job-name=multi-completion-parallel-batch-job
kubectl create -f cronjob-v1beta1.yaml
