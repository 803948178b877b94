# Seed 003: a CronJob running every minute: the date and a greeting.
kubectl create -f hello-cronjob.yaml
kubectl get cronjob hello
sim advance 70s
kubectl get jobs
kubectl get cronjob hello
kubectl logs -l job-name
