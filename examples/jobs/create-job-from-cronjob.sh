# Imperative CronJobs and Jobs: `kubectl create cronjob`, and a manual run of it with
# `kubectl create job --from=cronjob/...`.
kubectl create cronjob hello --image=busybox:1.36 --schedule="*/5 * * * *" -- sh -c "echo hello; sleep 5"
kubectl get cronjob hello
kubectl create job hello-manual --from=cronjob/hello
kubectl get job hello-manual -o yaml
sim advance 20s
kubectl get jobs
kubectl create job once --image=busybox:1.36 -- sh -c "echo once"
sim advance 20s
kubectl logs job/once
